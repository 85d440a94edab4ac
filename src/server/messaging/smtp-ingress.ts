// SMTP ingress: a small smtp-server listener that accepts mail for the call center, checks
// who sent it (SPF/DKIM/DMARC, mail-auth.ts) and hands each parsed message (mailparser) to
// receiveMail. Put it behind the organisation's MX relay; it accepts without
// authentication, so bind it to an internal address.
import { simpleParser, type AddressObject } from 'mailparser';
import { SMTPServer, type SMTPServerDataStream } from 'smtp-server';
import { type Logger } from './logger.js';
import { receiveMail } from './inbound.js';
import { checkMailAuth } from './mail-auth.js';
import { type MessagingContext } from './send.js';

function firstAddress(from: AddressObject | AddressObject[] | undefined): string | null {
  const list = Array.isArray(from) ? from : from ? [from] : [];
  return list.flatMap((a) => a.value).find((v) => v.address)?.address ?? null;
}

/** An SMTP error with its reply code (smtp-server sends `responseCode message`). */
function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

/**
 * The whole message as bytes (DKIM verifies the raw bytes), but never more than the limit
 * in memory: past it the rest is only drained, so the client gets its 552 at the end.
 */
function readLimited(stream: SMTPServerDataStream, maxBytes: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
    });
    stream.on('error', reject);
    stream.on('end', () => resolve(stream.sizeExceeded || size > maxBytes ? null : Buffer.concat(chunks)));
  });
}

export interface SmtpIngress { port: number; close(): Promise<void> }

export async function startSmtpIngress(ctx: MessagingContext, host: string, port: number, log: Logger): Promise<SmtpIngress> {
  const maxBytes = ctx.config.ingressMaxBytes;
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['AUTH', 'STARTTLS'], logger: false,
    // SIZE is advertised in EHLO and a MAIL FROM declaring more is refused; rejectOversized
    // also answers 552 to a client that did not declare the size (onData stores nothing then).
    size: maxBytes, rejectOversized: true,
    onData(stream, session, callback) {
      readLimited(stream, maxBytes)
        .then(async (raw) => {
          if (!raw) {
            log.warn({ limit: maxBytes }, 'inbound mail over the size limit refused');
            throw smtpError(552, `Message exceeds fixed maximum message size ${maxBytes}`);
          }
          const envelopeFrom = session.envelope.mailFrom ? session.envelope.mailFrom.address : null;
          const [auth, mail] = await Promise.all([
            checkMailAuth(raw, { ip: session.remoteAddress, helo: session.hostNameAppearsAs, sender: envelopeFrom }, ctx.config.mailAuth),
            simpleParser(raw),
          ]);
          const from = firstAddress(mail.from) ?? envelopeFrom;
          if (!from) throw smtpError(550, 'The mail has no sender address');
          const parents = [...(mail.inReplyTo ? [mail.inReplyTo] : []),
            ...(Array.isArray(mail.references) ? mail.references : mail.references ? [mail.references] : [])];
          // The envelope's recipients, not the To: header: a Bcc to a queue's address counts,
          // and a forged To: cannot move a mail into another queue.
          const recipients = session.envelope.rcptTo.map((r) => r.address.trim().toLowerCase());
          const stored = await receiveMail(ctx, {
            from, subject: mail.subject ?? null, text: (mail.text ?? '').trim(), messageId: mail.messageId ?? null,
            parents, receivedAt: new Date(), auth,
          });
          // The mail is stored whatever the task queue says: a failure there is logged, and
          // the mail still waits in the inbox (the sender gets its 250 either way).
          if (ctx.onInbound) {
            await ctx.onInbound(stored, recipients)
              .catch((error: unknown) => log.warn({ err: error, inboundId: stored.id }, 'inbound mail not queued as a task'));
          }
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
