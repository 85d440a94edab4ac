// The caller of a new incoming call, read straight off the raw SIP text as it arrives on
// the proxy's WebSocket — before sip.js parses the message, answers 100 Trying and builds
// its Invitation — so the screen-pop lookup can leave first (pop.ts). Only a cheap
// header scan: anything unusual returns null and the pop starts from sip.js's onInvite.

export interface PeekedInvite {
  callId: string;
  /** User part of the From URI (percent-decoded, as sip.js gives it), if any. */
  user: string | undefined;
  /** From display name without its quotes, if any. */
  displayName: string | undefined;
}

/** Compact header forms (RFC 3261 §7.3.3) that matter here. */
const COMPACT: Record<string, string> = { f: 'from', t: 'to', i: 'call-id' };

/**
 * An initial INVITE (no To tag: not a re-INVITE inside a dialog) → its Call-ID and caller;
 * null for responses, other methods, re-INVITEs and anything that does not parse.
 */
export function peekInvite(raw: string): PeekedInvite | null {
  if (!raw.startsWith('INVITE ')) return null;
  let end = raw.indexOf('\r\n\r\n');
  if (end < 0) end = raw.length;
  const headers: Record<string, string> = {};
  for (const line of raw.slice(0, end).split('\r\n').slice(1)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const key = COMPACT[name] ?? name;
    if ((key === 'from' || key === 'to' || key === 'call-id') && headers[key] === undefined) {
      headers[key] = line.slice(colon + 1).trim();
    }
  }
  const { from, to } = headers;
  const callId = headers['call-id'];
  if (!from || !to || !callId) return null;
  if (/;\s*tag\s*=/i.test(to.slice(to.lastIndexOf('>') + 1))) return null;
  const lt = from.indexOf('<');
  const display = lt > 0 ? from.slice(0, lt).trim() : '';
  const uri = lt >= 0 ? from.slice(lt + 1, from.indexOf('>', lt)) : from.split(';')[0] ?? '';
  const match = /^sips?:([^@;?]+)@/i.exec(uri.trim());
  let user: string | undefined;
  if (match?.[1]) {
    try {
      user = decodeURIComponent(match[1]);
    } catch {
      return null;
    }
  }
  const displayName = display.startsWith('"') && display.endsWith('"') && display.length >= 2 ? display.slice(1, -1) : display;
  return { callId, user, displayName: displayName || undefined };
}
