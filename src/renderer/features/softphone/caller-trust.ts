// Whether an incoming call's caller ID is one a trusted trunk vouches for. Kamailio adds
// X-Sapa-Trusted: yes only to trunk traffic from a configured trunk address, "no" to
// everything else (agents' own calls included), and drops any such header the caller sent
// (resources/kamailio/kamailio.cfg.tmpl, MARK_TRUST). No header — a proxy that does not
// vouch — reads as not verified.
export const TRUST_HEADER = 'X-Sapa-Trusted';

/** The header's value (undefined when absent) → verified or not. */
export function callerVerified(headerValue: string | undefined): boolean {
  return headerValue?.trim().toLowerCase() === 'yes';
}
