// floor.snapshot: the lead's live floor is read from the server only (other agents' states
// are not in any desktop's cache). The live socket's "floor changed" reaches the renderer
// as `floor.changed` (relayFloorPush), which re-reads it. monitor.*: listen, whisper and
// barge sessions (src/shared/monitor.ts), each one call of a /floor/monitor route; their
// pushes reach the renderer as `monitor.changed`.
import { FloorPush } from '../../../shared/floor.js';
import { MonitorPush } from '../../../shared/monitor.js';
import { type HandlerMap } from '../context.js';
import { type CoreEvents } from '../events.js';

type FloorMethod = 'floor.snapshot' | 'monitor.start' | 'monitor.mode' | 'monitor.end' | 'monitor.read';

export const floorHandlers: HandlerMap<FloorMethod> = {
  'floor.snapshot': (_input, ctx) => ctx.server.call('floor.snapshot', {}, { token: ctx.requireSession().token }),
  'monitor.start': (body, ctx) => ctx.server.call('monitor.start', { body }, { token: ctx.requireSession().token }),
  'monitor.mode': ({ id, mode }, ctx) => ctx.server.call('monitor.mode', { params: { id }, body: { mode } }, { token: ctx.requireSession().token }),
  'monitor.end': ({ id, reason }, ctx) =>
    ctx.server.call('monitor.end', { params: { id }, body: { reason: reason ?? 'stopped' } }, { token: ctx.requireSession().token }),
  'monitor.read': ({ id }, ctx) => ctx.server.call('monitor.read', { params: { id } }, { token: ctx.requireSession().token }),
};

/** Parsed at the boundary: anything else on the socket is not ours. */
export function relayFloorPush(events: CoreEvents) {
  return (message: unknown): void => {
    const push = FloorPush.safeParse(message);
    if (push.success) { events.emit('floor.changed', push.data); return; }
    const monitor = MonitorPush.safeParse(message);
    if (monitor.success) events.emit('monitor.changed', monitor.data);
  };
}
