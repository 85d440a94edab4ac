// The number a call in the timeline was with (pure). A call interaction carries it in its
// subject, which the desktop writes as "Call from <E.164>" / "Call to <E.164>"
// (src/main/core/handlers/softphone.ts); the interaction itself has no number field.
import { type Interaction } from '../../../shared/domain.js';
import { toE164 } from '../../../shared/phone.js';

export function callNumberOf(item: Pick<Interaction, 'channel' | 'subject'>): string | null {
  if (item.channel !== 'call_in' && item.channel !== 'call_out') return null;
  const match = /\+?\d[\d\s-]{6,20}\d/.exec(item.subject ?? '');
  return match ? toE164(match[0]) : null;
}
