// Real test peers on loopback for messaging tests: an SMTP server (smtp-server) that keeps
// every mail it receives, parsed with mailparser, and an HTTP SMS gateway that keeps every
// request (and can be told to fail).
import { createServer, type Server } from 'node:http';
import { connect } from 'node:net';
import { once } from 'node:events';
import nodemailer from 'nodemailer';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface MailSink {
  port: number;
  mails: ParsedMail[];
  /** Resolves with the n-th mail (1-based) once it has arrived. */
  waitFor(n: number, timeoutMs?: number): Promise<ParsedMail>;
  close(): Promise<void>;
}

export async function startMailSink(): Promise<MailSink> {
  const mails: ParsedMail[] = [];
  const waiters: (() => void)[] = [];
  const server = new SMTPServer({
    authOptional: true, disabledCommands: ['AUTH', 'STARTTLS'], logger: false,
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        mails.push(mail);
        for (const w of waiters.splice(0)) w();
        callback();
      }, (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))));
    },
  });
  server.listen(0, '127.0.0.1');
  await once(server.server, 'listening');
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    port, mails,
    async waitFor(n, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (mails.length < n) {
        if (Date.now() > deadline) throw new Error(`mail #${n} did not arrive (have ${mails.length})`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200);
        });
      }
      const mail = mails[n - 1];
      if (!mail) throw new Error('mail vanished');
      return mail;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export interface SmsGateway {
  url: string;
  requests: { to: string; text: string; reference: string }[];
  /** While true, the gateway answers 503. */
  failing: boolean;
  /** Requests that have arrived (answered or held). */
  arrived: number;
  /** Holds every answer until the returned function is called (a slow gateway, mid-send). */
  hold(): () => void;
  close(): Promise<void>;
}

export async function startSmsGateway(): Promise<SmsGateway> {
  let held: Promise<void> | null = null;
  const gateway: SmsGateway = {
    url: '', requests: [], failing: false, arrived: 0, close: async () => undefined,
    hold() {
      let release = () => undefined as void;
      held = new Promise<void>((resolve) => (release = resolve));
      return () => {
        held = null;
        release();
      };
    },
  };
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => void (async () => {
      gateway.arrived += 1;
      if (held) await held;
      if (gateway.failing) {
        res.writeHead(503, { 'content-type': 'text/plain' }).end('gateway down');
        return;
      }
      const parsed = JSON.parse(body) as SmsGateway['requests'][number];
      gateway.requests.push(parsed);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `gw-${gateway.requests.length}` }));
    })());
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  gateway.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/send`;
  gateway.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return gateway;
}

/** Sends a mail INTO the server's SMTP ingress, like a customer's mail server would. */
export async function mailToIngress(port: number, mail: {
  from: string; subject: string; text: string; messageId?: string; inReplyTo?: string;
  /** Envelope and To: recipients (default cs@sapa.example, the general queue's address). */
  to?: string | string[];
}): Promise<void> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  await transport.sendMail({ to: 'cs@sapa.example', ...mail });
  transport.close();
}

/** Sends a ready-made RFC 5322 message (e.g. DKIM-signed) into the ingress, byte for byte. */
export async function rawMailToIngress(port: number, envelopeFrom: string, raw: string): Promise<void> {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true });
  await transport.sendMail({ envelope: { from: envelopeFrom, to: ['cs@sapa.example'] }, raw });
  transport.close();
}

/**
 * A plain SMTP conversation, one command at a time, answering each reply (the lines of a
 * multi-line reply joined with \n). For what a library client would not do: e.g. send a big
 * message without declaring its SIZE. `data` is sent after a 354 and ended with ".".
 */
export async function smtpConversation(port: number, commands: (string | { data: string })[]): Promise<string[]> {
  const socket = connect(port, '127.0.0.1');
  socket.setEncoding('utf8');
  let buffer = '';
  let lines: string[] = [];
  const replies: string[] = [];
  const pending: ((reply: string) => void)[] = [];
  socket.on('data', (chunk: string) => {
    buffer += chunk;
    let end: number;
    while ((end = buffer.indexOf('\r\n')) >= 0) {
      lines.push(buffer.slice(0, end));
      buffer = buffer.slice(end + 2);
      // "250-…" continues a reply, "250 …" ends it.
      if (!/^\d{3}-/.test(lines.at(-1) ?? '')) {
        pending.shift()?.(lines.join('\n'));
        lines = [];
      }
    }
  });
  const reply = () => new Promise<string>((resolve, reject) => {
    pending.push(resolve);
    socket.once('error', reject);
  });
  replies.push(await reply()); // greeting
  for (const command of commands) {
    const next = reply();
    if (typeof command === 'string') socket.write(`${command}\r\n`);
    else socket.write(`${command.data.replace(/\r?\n/g, '\r\n').replace(/^\./gm, '..')}\r\n.\r\n`);
    replies.push(await next);
  }
  socket.end('QUIT\r\n');
  return replies;
}
