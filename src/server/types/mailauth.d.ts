// The part of mailauth 4.x that Sapa uses (4.x ships no types; 5+ needs Node 22.19, see
// docs/decisions). Shapes from lib/mailauth.js, lib/dkim, lib/spf and lib/dmarc of 4.9.5.
declare module 'mailauth' {
  import { type Readable } from 'node:stream';

  /** Like dns.promises.resolve: TXT answers as arrays of character-strings. Errors carry code ENOTFOUND/ENODATA. */
  export type DNSResolver = (name: string, rrtype: string) => Promise<string[][] | string[]>;

  export interface AuthStatus {
    result: 'pass' | 'fail' | 'neutral' | 'none' | 'temperror' | 'permerror' | 'policy' | 'softfail' | string;
    comment?: string;
    header?: { from?: string; d?: string };
    /** DKIM: the From domain the signing domain aligns with, or false. */
    aligned?: string | false;
  }

  export interface AuthenticateOptions {
    resolver?: DNSResolver;
    sender?: string;
    ip?: string;
    helo?: string;
    mta?: string;
    trustReceived?: boolean;
    minBitLength?: number;
    disableArc?: boolean;
    disableDmarc?: boolean;
    disableBimi?: boolean;
  }

  export interface AuthenticateResult {
    dkim: { headerFrom: string[]; envelopeFrom: string | false; results?: { signingDomain?: string; status: AuthStatus }[] };
    spf: { domain: string; status: AuthStatus } | false;
    /** false: no single From address, DMARC could not be evaluated. */
    dmarc: { domain: string; status: AuthStatus; policy?: string } | false;
    headers: string;
  }

  export function authenticate(input: Readable | Buffer | string, opts?: AuthenticateOptions): Promise<AuthenticateResult>;

  export interface DKIMSignOptions {
    canonicalization?: string;
    algorithm?: string;
    signTime?: Date;
    signatureData: { signingDomain: string; selector: string; privateKey: string | Buffer }[];
  }
}

// 4.x exports dkimSign only from its file (the README documents this path).
declare module 'mailauth/lib/dkim/sign.js' {
  import { type Readable } from 'node:stream';
  import { type DKIMSignOptions } from 'mailauth';

  export function dkimSign(input: Readable | Buffer | string, options: DKIMSignOptions): Promise<{ signatures: string; errors: unknown[] }>;
}
