// What a typed number calls: an agent extension (four digits, 1000–8999) as it is, any
// Indonesian phone form as its E.164 digits (the trunk's numbering), anything else nothing.
import { toE164 } from '../../../shared/phone.js';

/** The SIP URI text for `number` on `domain`, or null when it is not something to call. */
export function dialTarget(number: string, domain: string): string | null {
  const trimmed = number.trim();
  const user = /^[1-8]\d{3}$/.test(trimmed) ? trimmed : (toE164(trimmed) ?? trimmed).replace(/^\+/, '');
  if (!/^[0-9*#+]{2,20}$/.test(user)) return null;
  return `sip:${user}@${domain}`;
}
