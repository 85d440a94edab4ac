// The lead's live floor: floor.snapshot (GET /floor/snapshot, leads and admins: floor.view);
// which agents each may see is lead-interactions/scope.ts. Time is the contact center's clock.
import { type ContactCenter } from '../contact-center/contact-center.js';
import { type RegisterRoute } from '../http/route.js';
import { floorSnapshot } from './snapshot.js';

export function registerFloorRoutes(register: RegisterRoute, cc: ContactCenter): void {
  register('floor.snapshot', async ({ user }) => floorSnapshot(cc.ctx.db, user, cc.ctx.clock()));
}
