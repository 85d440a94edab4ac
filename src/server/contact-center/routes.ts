// The desktops' contact-center routes (src/shared/contact-center-routes.ts): the agent's
// state, the offer out to them, accept / reject, their queues and tasks, completing a task.
// Every route acts for the signed-in agent only: another agent's offer or task is a 404.
import { type RegisterRoute } from '../http/route.js';
import { myQueue, myState, myTasks, setMyState, completeTask, touchPresence } from './agent-commands.js';
import { type ContactCenter } from './contact-center.js';
import { acceptOffer, myOffer, rejectOffer } from './offers.js';

export function registerContactCenterRoutes(register: RegisterRoute, cc: ContactCenter): void {
  const { ctx } = cc;
  register('cc.myState', async ({ user }) => myState(ctx, user.id));
  register('cc.setMyState', async ({ user, body }) => setMyState(ctx, user.id, body));
  register('cc.myOffer', async ({ user }) => {
    // The poll after a reconnect is the desktop saying it is there.
    await touchPresence(ctx, [user.id]);
    return { offer: await myOffer(ctx, user.id) };
  });
  register('cc.acceptOffer', async ({ user, body }) => acceptOffer(ctx, user.id, body.reservationId));
  register('cc.rejectOffer', async ({ user, body }) => {
    await rejectOffer(ctx, user.id, body.reservationId);
    return { ok: true as const };
  });
  register('cc.myQueue', async ({ user }) => myQueue(ctx, user.id));
  register('cc.myTasks', async ({ user }) => ({ tasks: await myTasks(ctx, user.id) }));
  register('cc.completeTask', async ({ user, params, body }) => completeTask(ctx, user.id, params.id, body));
}
