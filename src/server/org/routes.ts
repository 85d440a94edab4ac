// The Organisation screen's routes (src/shared/org-routes.ts), one file per kind of row.
import { type Db } from '../db/db.js';
import { type RegisterRoute } from '../http/route.js';
import { registerDispositionRoutes } from './dispositions.js';
import { registerPlaceRoutes } from './places.js';
import { registerQueueSkillRoutes } from './queues-skills.js';
import { registerScheduleRoutes } from './schedule.js';
import { registerTeamRoutes } from './teams.js';

export function registerOrgRoutes(register: RegisterRoute, db: Db): void {
  registerPlaceRoutes(register, db);
  registerTeamRoutes(register, db);
  registerQueueSkillRoutes(register, db);
  registerDispositionRoutes(register, db);
  registerScheduleRoutes(register, db);
}
