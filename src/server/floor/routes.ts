// The lead's live floor: floor.snapshot (GET /floor/snapshot, leads and admins: floor.view);
// which agents each may see is lead-interactions/scope.ts. Time is the contact center's clock.
// Listen, whisper and barge (floor.monitor): monitor.ts decides and audits.
import { type ContactCenter } from '../contact-center/contact-center.js';
import { type RegisterRoute } from '../http/route.js';
import { type MonitorService } from './monitor.js';
import { floorSnapshot } from './snapshot.js';

export function registerFloorRoutes(register: RegisterRoute, cc: ContactCenter, monitor: MonitorService): void {
  register('floor.snapshot', async ({ user }) => floorSnapshot(cc.ctx.db, user, cc.ctx.clock()));
  register('monitor.start', async ({ user, body, request }) => monitor.start(user, body.agentId, body.mode, request.ip));
  register('monitor.mode', async ({ user, params, body, request }) => monitor.changeMode(user, params.id, body.mode, request.ip));
  register('monitor.end', async ({ user, params, body, request }) => monitor.end(user, params.id, body.reason, request.ip));
  register('monitor.read', async ({ user, params }) => monitor.read(user, params.id));
}
