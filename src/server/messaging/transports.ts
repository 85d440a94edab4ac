// Delivery adapters. E-mail goes through an SMTP relay with nodemailer; SMS through an HTTP
// gateway (one small adapter: POST JSON, expect 2xx with an id). Each throws on failure;
// the caller records the failure on the message so it is visible and can be retried.
import nodemailer from 'nodemailer';
import { textToEmailHtml } from '../../shared/replies/email-html.js';
import { type MessagingConfig } from './config.js';

export interface EmailOut {
  to: string; subject: string; text: string; messageId: string; inReplyTo?: string | null;
}
export interface SmsOut { to: string; text: string; reference: string }

export interface Transports {
  email(message: EmailOut): Promise<{ providerId: string }>;
  sms(message: SmsOut): Promise<{ providerId: string }>;
  close(): void;
}

/**
 * `live` answers the config in force when a message goes out (the admin's server settings
 * over the environment): the SMTP relay, the sender and the SMS gateway can change at run
 * time. One nodemailer transport per relay URL, made when it is first used.
 */
type Mailer = ReturnType<typeof nodemailer.createTransport>;

export function createTransports(start: MessagingConfig, live: () => Promise<MessagingConfig> = async () => start): Transports {
  let mailer: { url: string; transport: Mailer } | null = null;
  const mailerFor = (url: string): Mailer => {
    if (mailer?.url === url) return mailer.transport;
    mailer?.transport.close();
    const transport = nodemailer.createTransport({
      url,
      connectionTimeout: start.sendTimeoutMs, greetingTimeout: start.sendTimeoutMs, socketTimeout: start.sendTimeoutMs,
    } as Parameters<typeof nodemailer.createTransport>[0]);
    mailer = { url, transport };
    return transport;
  };
  return {
    async email(m) {
      const config = await live();
      if (!config.smtpUrl) throw new Error('No SMTP relay is configured (SAPA_SMTP_URL or the server settings)');
      const info = await mailerFor(config.smtpUrl).sendMail({
        from: config.mailFrom, to: m.to, subject: m.subject, text: m.text, html: textToEmailHtml(m.text),
        messageId: m.messageId,
        ...(m.inReplyTo ? { inReplyTo: m.inReplyTo, references: [m.inReplyTo] } : {}),
      });
      return { providerId: String(info.messageId) };
    },
    async sms(m) {
      const config = await live();
      if (!config.smsGatewayUrl) throw new Error('No SMS gateway is configured (SAPA_SMS_GATEWAY_URL)');
      const response = await fetch(config.smsGatewayUrl, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(config.smsGatewayToken ? { authorization: `Bearer ${config.smsGatewayToken}` } : {}),
        },
        body: JSON.stringify(m),
        signal: AbortSignal.timeout(config.sendTimeoutMs),
      });
      const body = await response.text();
      if (!response.ok) throw new Error(`SMS gateway answered ${response.status}: ${body.slice(0, 200)}`);
      let id = '';
      try {
        id = String((JSON.parse(body) as { id?: unknown }).id ?? '');
      } catch {
        // A gateway that accepted the message but sent no JSON still accepted it.
      }
      return { providerId: id };
    },
    close() {
      mailer?.transport.close();
      mailer = null;
    },
  };
}
