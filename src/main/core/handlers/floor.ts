// floor.snapshot: the lead's live floor is read from the server only (other agents' states
// are not in any desktop's cache). The live socket's "floor changed" reaches the renderer
// as `floor.changed` (relayFloorPush), which re-reads it.
import { FloorPush } from '../../../shared/floor.js';
import { type HandlerMap } from '../context.js';
import { type CoreEvents } from '../events.js';

export const floorHandlers: HandlerMap<'floor.snapshot'> = {
  'floor.snapshot': (_input, ctx) => ctx.server.call('floor.snapshot', {}, { token: ctx.requireSession().token }),
};

/** Parsed at the boundary: anything else on the socket is not ours. */
export function relayFloorPush(events: CoreEvents) {
  return (message: unknown): void => {
    const push = FloorPush.safeParse(message);
    if (push.success) events.emit('floor.changed', push.data);
  };
}
