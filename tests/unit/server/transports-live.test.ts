// The SMS gateway and the mail sender are read when a message goes out, not at start
// (src/server/messaging/transports.ts with the admin's server settings): two sends, with the
// gateway URL changed in between, reach the two gateways — no restart. Real local HTTP servers.
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_MESSAGING, type MessagingConfig } from '../../../src/server/messaging/config.js';
import { createTransports } from '../../../src/server/messaging/transports.js';

const received: { gateway: string; body: unknown }[] = [];
const gateways: Server[] = [];
const urls: string[] = [];

beforeAll(async () => {
  for (const name of ['a', 'b']) {
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => { body += c.toString(); });
      req.on('end', () => {
        received.push({ gateway: name, body: JSON.parse(body) as unknown });
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `${name}-1` }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    gateways.push(server);
    urls.push(`http://127.0.0.1:${(server.address() as AddressInfo).port}/send`);
  }
});
afterAll(async () => {
  await Promise.all(gateways.map((g) => new Promise((resolve) => g.close(resolve))));
});

it('sends each SMS to the gateway in force at that moment, and fails visibly when there is none', async () => {
  let live: MessagingConfig = { ...DEFAULT_MESSAGING, smsGatewayUrl: urls[0] ?? null };
  const transports = createTransports(DEFAULT_MESSAGING, async () => live);
  expect(await transports.sms({ to: '+6281234567890', text: 'satu', reference: 'r1' })).toEqual({ providerId: 'a-1' });
  live = { ...live, smsGatewayUrl: urls[1] ?? null };
  expect(await transports.sms({ to: '+6281234567890', text: 'dua', reference: 'r2' })).toEqual({ providerId: 'b-1' });
  expect(received).toEqual([
    { gateway: 'a', body: { to: '+6281234567890', text: 'satu', reference: 'r1' } },
    { gateway: 'b', body: { to: '+6281234567890', text: 'dua', reference: 'r2' } },
  ]);
  live = { ...live, smsGatewayUrl: null, smtpUrl: null };
  await expect(transports.sms({ to: '+62812', text: 'x', reference: 'r3' })).rejects.toThrow(/No SMS gateway is configured/);
  await expect(transports.email({ to: 'a@b.example', subject: 's', text: 't', messageId: '<m@x>' })).rejects.toThrow(/No SMTP relay/);
  transports.close();
});
