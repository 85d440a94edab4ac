// The composer makes the send's idempotency key (exactly-once sends, docs/security.md
// "E-mail"): Send clicked again after a timeout repeats the same key, so the server sends
// once; a changed message, or the next message, gets a new key; each Retry click its own.
import { beforeAll, beforeEach, expect, it } from 'vitest';
import { type SapaApi } from '../../../src/shared/api.js';

const calls: { method: string; input: Record<string, unknown> }[] = [];
let failNext = 0;

beforeAll(() => {
  const fake = {
    call: async (method: string, input: Record<string, unknown>) => {
      calls.push({ method, input });
      if (failNext > 0) {
        failNext -= 1;
        throw Object.assign(new Error('Server cannot be reached: timed out'), { code: 'OFFLINE' });
      }
      return { id: '0190a1b2-0000-7000-8000-000000000001', status: 'sent' };
    },
    on: () => () => undefined,
  } as unknown as SapaApi;
  (globalThis as { window?: unknown }).window = { sapa: fake, location: { href: 'http://127.0.0.1/' } };
});

const store = async () => (await import('../../../src/renderer/features/composer/store.js')).useComposerStore;
const CUSTOMER = '0190a1b2-0000-7000-8000-00000000c001';
const keys = (method: string) => calls.filter((c) => c.method === method).map((c) => c.input.idempotencyKey as string);

beforeEach(async () => {
  calls.length = 0;
  failNext = 0;
  const s = await store();
  s.getState().reset(CUSTOMER, 'email', 'budi@example.co.id');
  s.getState().set({ template: 'Halo' });
});

it('repeats the same key when Send is clicked again after a failure, and makes a new one for the next message', async () => {
  const s = await store();
  failNext = 1;
  expect(await s.getState().send({ previewText: 'Halo', caseId: null, orderId: null })).toBe(false);
  expect(s.getState().failure?.code).toBe('OFFLINE');
  s.getState().set({ failure: null });
  expect(await s.getState().send({ previewText: 'Halo', caseId: null, orderId: null })).toBe(true);
  const [first, second] = keys('messages.send');
  expect(first).toMatch(/^[0-9a-f-]{36}$/);
  expect(second).toBe(first);

  s.getState().set({ template: 'Pesan berikutnya' });
  await s.getState().send({ previewText: 'Pesan berikutnya', caseId: null, orderId: null });
  expect(keys('messages.send')[2]).not.toBe(first);
});

it('an edit after a failure makes it a different message with a new key', async () => {
  const s = await store();
  failNext = 1;
  await s.getState().send({ previewText: 'Halo', caseId: null, orderId: null });
  s.getState().set({ template: 'Halo, Bapak' });
  await s.getState().send({ previewText: 'Halo, Bapak', caseId: null, orderId: null });
  const [first, second] = keys('messages.send');
  expect(second).not.toBe(first);
});

it('gives every Retry click its own key', async () => {
  const s = await store();
  await s.getState().retry('0190a1b2-0000-7000-8000-000000000009');
  await s.getState().retry('0190a1b2-0000-7000-8000-000000000009');
  const [a, b] = keys('messages.retry');
  expect(a).toMatch(/^[0-9a-f-]{36}$/);
  expect(b).not.toBe(a);
});
