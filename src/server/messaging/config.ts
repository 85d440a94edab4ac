// Messaging settings. From the environment in main.ts; tests pass their own.
//   SAPA_SMTP_URL          smtp://user:pass@host:port  outgoing mail relay (unset → e-mail sends fail visibly)
//   SAPA_MAIL_FROM         sender address (default "Sapa Layanan Pelanggan <cs@sapa.example>")
//   SAPA_SMS_GATEWAY_URL   HTTP gateway: POST JSON {to, text, reference} → 2xx {id}
//   SAPA_SMS_GATEWAY_TOKEN bearer token for the gateway (optional)
//   SAPA_SMTP_INGRESS_PORT port of the inbound SMTP listener (unset → no inbound mail)
//   SAPA_SMTP_INGRESS_HOST its address (default 127.0.0.1)
//   SAPA_AUTO_ACK          "0" turns the e-mail auto-acknowledgement off
export interface MessagingConfig {
  smtpUrl: string | null;
  mailFrom: string;
  smsGatewayUrl: string | null;
  smsGatewayToken: string | null;
  ingressPort: number | null;
  ingressHost: string;
  autoAck: boolean;
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
  autoAck: true,
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
    autoAck: env.SAPA_AUTO_ACK !== '0',
  };
}
