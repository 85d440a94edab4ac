// WhatsApp's customer-service window: a business may answer with free text for 24 hours
// after the customer's last message; outside it only an approved template may go out. SMS
// has no such rule. Pure, so the composer's notice and the server's refusal agree.
import { SERVICE_WINDOW_MS, type ConversationChannel } from '../../../shared/messaging-channels.js';

export function serviceWindow(channel: ConversationChannel, lastInboundAt: Date | null, now: Date): { freeFormAllowed: boolean; endsAt: Date | null } {
  if (channel !== 'whatsapp') return { freeFormAllowed: true, endsAt: null };
  if (!lastInboundAt) return { freeFormAllowed: false, endsAt: null };
  const endsAt = new Date(lastInboundAt.getTime() + SERVICE_WINDOW_MS);
  return { freeFormAllowed: now < endsAt, endsAt };
}
