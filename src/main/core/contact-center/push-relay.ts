// The live socket's contact-center messages (an offer, its end, the agent's state) reach the
// renderer as `cc.push`. Parsed here, at the boundary: anything else the server might send
// in future is ignored, not forwarded.
import { ContactCenterPush } from '../../../shared/contact-center.js';
import { type CoreEvents } from '../events.js';
import { type Logger } from '../logger.js';

export function relayContactCenterPush(events: CoreEvents, logger: Logger) {
  return (message: unknown): void => {
    const push = ContactCenterPush.safeParse(message);
    if (push.success) {
      events.emit('cc.push', push.data);
      return;
    }
    const type = typeof message === 'object' && message !== null ? (message as { type?: unknown }).type : undefined;
    if (typeof type === 'string' && type.startsWith('task_')) logger.warn('live channel: a malformed contact-center message was dropped', { type });
  };
}
