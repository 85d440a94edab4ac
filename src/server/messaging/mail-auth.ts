// Who really sent an inbound e-mail: SPF (was the connecting server allowed to send for the
// envelope domain?), DKIM (is the signature of the From domain intact?) and DMARC (does the
// From domain's policy accept the result?), checked with mailauth. The verdict is stored
// with the message and shown to agents: a mail claiming to come from a customer's bank
// domain that fails these checks must not be taken at face value.
import { hostname } from 'node:os';
import { Resolver } from 'node:dns/promises';
import { authenticate, type AuthenticateResult, type DNSResolver } from 'mailauth';

export type { DNSResolver } from 'mailauth';

/** 'pass': the From domain vouches for it; 'fail': its own records say it did not send it; 'none': unknown. */
export type AuthVerdict = 'pass' | 'fail' | 'none';

export interface MailAuthResult { verdict: AuthVerdict; summary: string }

export interface MailAuthSettings {
  /** DNS lookups; null = the system resolver (tests pass a table of TXT records). */
  resolver: DNSResolver | null;
  /**
   * Behind the organisation's MX relay the connecting address is the relay's: then take the
   * client address, HELO and envelope sender from the newest Received header (the relay's).
   */
  trustReceived: boolean;
}

export interface Envelope { ip: string | null; helo: string | null; sender: string | null }

// A dead DNS server must not hold the SMTP transaction open: a few seconds, then temperror.
let system: DNSResolver | null = null;
function systemResolver(): DNSResolver {
  if (!system) {
    const resolver = new Resolver({ timeout: 3_000, tries: 2 });
    system = (name, rrtype) => resolver.resolve(name, rrtype) as unknown as Promise<string[][] | string[]>;
  }
  return system;
}

export async function checkMailAuth(raw: Buffer, envelope: Envelope, settings: MailAuthSettings): Promise<MailAuthResult> {
  try {
    const result = await authenticate(raw, {
      resolver: settings.resolver ?? systemResolver(),
      mta: hostname(),
      trustReceived: settings.trustReceived,
      ...(envelope.ip && !settings.trustReceived ? { ip: envelope.ip } : {}),
      ...(envelope.helo && !settings.trustReceived ? { helo: envelope.helo } : {}),
      ...(envelope.sender ? { sender: envelope.sender } : {}),
      disableArc: true, disableBimi: true,
    });
    return verdictOf(result);
  } catch (error) {
    // mailauth answers results, not exceptions, for bad records; an exception is ours: unknown.
    return { verdict: 'none', summary: `error: ${error instanceof Error ? error.message : String(error)}`.slice(0, 200) };
  }
}

export function verdictOf(result: AuthenticateResult): MailAuthResult {
  const spf = result.spf ? result.spf.status.result : 'none';
  const signatures = result.dkim.results ?? [];
  const dkim = signatures.some((s) => s.status.result === 'pass') ? 'pass' : signatures[0]?.status.result ?? 'none';
  const dmarc = result.dmarc ? result.dmarc.status.result : 'none';
  const summary = `spf=${spf} dkim=${dkim} dmarc=${dmarc}`;
  // Several or no From addresses: DMARC cannot be evaluated (RFC 7489 calls it suspicious).
  if (!result.dmarc) return { verdict: spf === 'fail' || dkim === 'fail' ? 'fail' : 'none', summary };
  if (dmarc === 'pass') return { verdict: 'pass', summary };
  if (dmarc === 'fail') return { verdict: 'fail', summary };
  // No DMARC record (or it could not be read): an SPF or DKIM pass aligned with the From
  // domain (relaxed: same organisational domain) still vouches for the sender.
  const org = result.dmarc.status.header?.from ?? result.dmarc.domain;
  const spfAligned = spf === 'pass' && result.spf && (result.spf.domain === org || result.spf.domain.endsWith(`.${org}`));
  const dkimAligned = signatures.some((s) => s.status.result === 'pass' && s.status.aligned);
  if (spfAligned || dkimAligned) return { verdict: 'pass', summary };
  return { verdict: spf === 'fail' || dkim === 'fail' ? 'fail' : 'none', summary };
}
