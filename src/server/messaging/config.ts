// Messaging settings. From the environment in main.ts; tests pass their own.
//   SAPA_SMTP_URL          smtp://user:pass@host:port  outgoing mail relay (unset → e-mail sends fail visibly)
//   SAPA_MAIL_FROM         sender address (default "Sapa Layanan Pelanggan <cs@sapa.example>")
//   SAPA_SMS_GATEWAY_URL   HTTP gateway: POST JSON {to, text, reference} → 2xx {id}
//   SAPA_SMS_GATEWAY_TOKEN bearer token for the gateway (optional)
//   SAPA_SMTP_INGRESS_PORT port of the inbound SMTP listener (unset → no inbound mail)
//   SAPA_SMTP_INGRESS_HOST its address (default 127.0.0.1)
//   SAPA_SMTP_MAX_BYTES    largest inbound mail accepted (default 10 MiB; bigger ones get 552)
//   SAPA_SMTP_TRUST_RECEIVED "1" behind an MX relay: SPF uses the client the relay's Received header names
//   SAPA_AUTO_ACK          "0" turns the e-mail auto-acknowledgement off
//   SAPA_AUTO_ACK_PER_SENDER_PER_DAY  at most this many auto-acknowledgements to one address a day (default 3)
import { type MailAuthSettings } from './mail-auth.js';

export interface MessagingConfig {
  smtpUrl: string | null;
  mailFrom: string;
  smsGatewayUrl: string | null;
  smsGatewayToken: string | null;
  ingressPort: number | null;
  ingressHost: string;
  /** Inbound mail over this many bytes is refused (552) and not stored. */
  ingressMaxBytes: number;
  /** SPF/DKIM/DMARC checks of inbound mail. */
  mailAuth: MailAuthSettings;
  autoAck: boolean;
  /** Auto-acknowledgements per sender address per local day (the SLA clock's UTC offset). */
  autoAckPerSenderPerDay: number;
  /** Per-attempt delivery timeout. */
  sendTimeoutMs: number;
}

export const DEFAULT_MESSAGING: MessagingConfig = {
  smtpUrl: null,
  mailFrom: 'Sapa Layanan Pelanggan <cs@sapa.example>',
  smsGatewayUrl: null,
  smsGatewayToken: null,
  ingressPort: null,
  ingressHost: '127.0.0.1',
  ingressMaxBytes: 10 * 1024 * 1024,
  mailAuth: { resolver: null, trustReceived: false },
  autoAck: true,
  autoAckPerSenderPerDay: 3,
  sendTimeoutMs: 15_000,
};

export function messagingConfigFromEnv(env: NodeJS.ProcessEnv = process.env): MessagingConfig {
  return {
    ...DEFAULT_MESSAGING,
    smtpUrl: env.SAPA_SMTP_URL || null,
    mailFrom: env.SAPA_MAIL_FROM || DEFAULT_MESSAGING.mailFrom,
    smsGatewayUrl: env.SAPA_SMS_GATEWAY_URL || null,
    smsGatewayToken: env.SAPA_SMS_GATEWAY_TOKEN || null,
    ingressPort: env.SAPA_SMTP_INGRESS_PORT ? Number(env.SAPA_SMTP_INGRESS_PORT) : null,
    ingressHost: env.SAPA_SMTP_INGRESS_HOST || '127.0.0.1',
    ingressMaxBytes: positiveInt(env.SAPA_SMTP_MAX_BYTES, 'SAPA_SMTP_MAX_BYTES') ?? DEFAULT_MESSAGING.ingressMaxBytes,
    mailAuth: { resolver: null, trustReceived: env.SAPA_SMTP_TRUST_RECEIVED === '1' },
    autoAck: env.SAPA_AUTO_ACK !== '0',
    autoAckPerSenderPerDay: positiveInt(env.SAPA_AUTO_ACK_PER_SENDER_PER_DAY, 'SAPA_AUTO_ACK_PER_SENDER_PER_DAY', true)
      ?? DEFAULT_MESSAGING.autoAckPerSenderPerDay,
  };
}

/** A whole number from the environment; a typo must stop the server, not silently mean "default". */
function positiveInt(value: string | undefined, name: string, zeroAllowed = false): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < (zeroAllowed ? 0 : 1)) throw new Error(`${name} must be a whole number${zeroAllowed ? '' : ' above 0'}, not "${value}"`);
  return n;
}
