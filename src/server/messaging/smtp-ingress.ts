// SMTP ingress: a small smtp-server listener that accepts mail for the call center and hands
// each parsed message (mailparser) to receiveMail. Put it behind the organisation's MX relay;
// it accepts without authentication, so bind it to an internal address.
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { type Logger } from './logger.js';
import { receiveMail } from './inbound.js';
import { type MessagingContext } from './send.js';

const MAX_MAIL_BYTES = 10 * 1024 * 1024;

function firstAddress(from: AddressObject | AddressObject[] | undefined): string | null {
  const list = Array.isArray(from) ? from : from ? [from] : [];
  return list.flatMap((a) => a.value).find((v) => v.address)?.address ?? null;
}

export interface SmtpIngress { port: number; close(): Promise<void> }

export async function startSmtpIngress(ctx: MessagingContext, host: string, port: number, log: Logger): Promise<SmtpIngress> {
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['AUTH', 'STARTTLS'], size: MAX_MAIL_BYTES, logger: false,
    onData(stream, session, callback) {
      simpleParser(stream)
        .then(async (mail) => {
          const from = firstAddress(mail.from) ?? (session.envelope.mailFrom ? session.envelope.mailFrom.address : null);
          if (!from) throw new Error('The mail has no sender address');
          const parents = [...(mail.inReplyTo ? [mail.inReplyTo] : []),
            ...(Array.isArray(mail.references) ? mail.references : mail.references ? [mail.references] : [])];
          await receiveMail(ctx, {
            from, subject: mail.subject ?? null, text: (mail.text ?? '').trim(), messageId: mail.messageId ?? null,
            parents, receivedAt: new Date(),
          });
          callback();
        })
        .catch((error: unknown) => {
          log.warn({ err: error }, 'inbound mail refused');
          callback(error instanceof Error ? error : new Error(String(error)));
        });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.server.address();
  return {
    port: typeof address === 'object' && address ? address.port : port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
