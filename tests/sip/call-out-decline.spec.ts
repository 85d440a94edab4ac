// The softphone's other two everyday paths, through the real Kamailio: the agent calls a
// customer from the profile (click-to-call) and from the dial pad, the customer's phone
// rings and answers, audio flows both ways, and the wrap-up's follow-up becomes a
// call-back for that customer; and an incoming call the agent declines (the caller hears
// busy, the card goes, no wrap-up is asked for).
import { expect, test, type Page } from '@playwright/test';
import { DEMO, SingleScreen } from '../e2e/support/pages.js';
import { apiToken, closeCustomerPhone, openAgentDesktop, openCustomerPhone, registration, setExtensions, type AgentDesktop } from './support/desktops.js';
import { agentBytes, growing } from './support/media.js';
import { suiteEnv } from './support/sip-env.js';

const BUDI = { number: '6281234567890', id: '00000000-0000-4000-8000-000000000001', shown: '+62 812 3456 7890' };

type Phone = {
  call(t: string): Promise<void>; answer(): Promise<void>; hangup(): Promise<void>; state(): string;
  inboundBytes(): Promise<number>; incoming: string[]; rejections: number[];
};
const phoneOf = (page: Page) => ({
  call: (target: string) => page.evaluate((t) => (window as unknown as { phone: Phone }).phone.call(t), target),
  answer: () => page.evaluate(() => (window as unknown as { phone: Phone }).phone.answer()),
  hangup: () => page.evaluate(() => (window as unknown as { phone: Phone }).phone.hangup()),
  state: () => page.evaluate(() => (window as unknown as { phone: Phone }).phone.state()),
  bytes: () => page.evaluate(() => (window as unknown as { phone: Phone }).phone.inboundBytes()),
  incoming: () => page.evaluate(() => (window as unknown as { phone: Phone }).phone.incoming),
  rejections: () => page.evaluate(() => (window as unknown as { phone: Phone }).phone.rejections),
});

type ServerCallback = { id: string; customerId: string; dueAt: string; note: string | null; status: string };
/** The call-backs the server holds for a customer, read through the sync pull an agent's desktop uses. */
async function serverCallbacks(token: string, customerId: string): Promise<ServerCallback[]> {
  const found: ServerCallback[] = [];
  for (let cursor = 0, more = true; more;) {
    const res = await fetch(`${suiteEnv().serverUrl}/api/v1/sync/pull?cursor=${cursor}&limit=20000`, { headers: { authorization: `Bearer ${token}` } });
    const page = (await res.json()) as { nextCursor: number; more: boolean; changes: { callbacks: ServerCallback[] } };
    found.push(...page.changes.callbacks.filter((c) => c.customerId === customerId));
    cursor = page.nextCursor;
    more = page.more;
  }
  return found;
}

/** A local date-time `days` from now at 10:30, as a datetime-local field takes it. */
function localAt1030(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T10:30`;
}

let agent: AgentDesktop;

test.beforeAll(async ({ browser }) => {
  await setExtensions({ agent1: '1001', agent2: '1002' });
  agent = await openAgentDesktop(browser, 'agent1', 'agent1-pass');
});
test.afterAll(async () => { await agent.close(); });

test("click-to-call from the profile: rings the customer, connects with audio both ways; the wrap-up's follow-up is a call-back on the server and in the customer's call-backs", async ({ browser }) => {
  const budi = await openCustomerPhone(browser, BUDI.number, { reachable: true });
  const page = agent.page;
  try {
    await new SingleScreen(page).openCustomer(DEMO.customer.e164, DEMO.customer.name);
    await page.getByRole('button', { name: `Call ${BUDI.shown}` }).first().click();
    // The profile says the number is being called, and still says so once the screen pop
    // for the dialled number has re-read the customer behind it.
    const note = page.getByRole('region', { name: 'Customer profile' }).getByRole('status').filter({ hasText: `Calling ${BUDI.shown}…` });
    await expect(note).toBeVisible();
    // Ringing at the far end; the card says whom the agent is calling before anyone answers.
    const dialing = page.getByRole('region', { name: 'Calling…' });
    await expect(dialing.getByTestId('caller-name')).toHaveText(/Budi Santoso/);
    await expect.poll(() => phoneOf(budi).incoming(), { timeout: 15_000 }).toEqual(['1001']);
    expect(await phoneOf(budi).state()).not.toBe('Established');

    await phoneOf(budi).answer();
    const inCall = page.getByRole('region', { name: 'In call' });
    await expect(inCall.getByTestId('call-timer')).toBeVisible();
    await expect(dialing).toHaveCount(0);
    await expect(note).toBeVisible();
    await expect.poll(() => phoneOf(budi).state()).toBe('Established');
    await growing(() => agentBytes(page));
    await growing(() => phoneOf(budi).bytes());

    await inCall.getByRole('button', { name: 'Hang up' }).click();
    await expect(inCall).toHaveCount(0);
    await expect.poll(() => phoneOf(budi).state()).toBe('Terminated');

    // Wrap-up with a follow-up: the call is filed and a call-back is promised.
    const stamp = Date.now().toString(36);
    const due = localAt1030(1);
    const wrap = page.getByRole('region', { name: 'Wrap-up' });
    await expect(wrap).toContainText(`Call to ${BUDI.shown} · Budi Santoso`);
    await wrap.getByLabel('Disposition').selectOption('callback_promised');
    await wrap.getByLabel('Notes').fill(`Promised the refund date ${stamp}`);
    // "Call-back promised" needs a follow-up (the dispositions table): the field says so.
    await wrap.getByLabel('Follow-up call-back (required for this disposition)').fill(due);
    await wrap.getByRole('button', { name: 'Save wrap-up' }).click();
    await expect(wrap).toHaveCount(0);

    // In Budi's call-backs on the agent's screen, and on the server for Budi at that time.
    const callbacks = page.getByRole('list', { name: 'Call-back list' });
    await expect(callbacks.getByText(`Promised the refund date ${stamp}`)).toHaveCount(1);
    const token = await apiToken('agent1', 'agent1-pass');
    await expect.poll(async () => (await serverCallbacks(token, BUDI.id)).filter((c) => c.note?.includes(stamp)).length, { timeout: 20_000 }).toBe(1);
    const [onServer] = (await serverCallbacks(token, BUDI.id)).filter((c) => c.note?.includes(stamp));
    expect(onServer).toMatchObject({ dueAt: new Date(due).toISOString(), status: 'open' });
    // The call itself is an outgoing call with its disposition.
    type Item = { channel: string; disposition: string | null; body: string | null };
    const items = await (await fetch(`${suiteEnv().serverUrl}/api/v1/customers/${BUDI.id}/interactions?limit=10`, { headers: { authorization: `Bearer ${token}` } })).json() as { items: Item[] };
    expect(items.items.filter((i) => i.channel === 'call_out' && i.disposition === 'callback_promised' && i.body?.includes(stamp))).toHaveLength(1);
  } finally {
    await closeCustomerPhone(budi);
  }
});

test('the dial pad takes a number in local form (0812…); the far end hangs up and the wrap-up follows', async ({ browser }) => {
  const budi = await openCustomerPhone(browser, BUDI.number, { reachable: true });
  const page = agent.page;
  try {
    const dialField = page.getByRole('textbox', { name: 'Number to call' });
    await dialField.fill('0812 3456 7890');
    await page.getByRole('button', { name: 'Call', exact: true }).click();
    await expect(dialField).toHaveValue('');
    await expect.poll(() => phoneOf(budi).incoming(), { timeout: 15_000 }).toEqual(['1001']);
    await phoneOf(budi).answer();
    const inCall = page.getByRole('region', { name: 'In call' });
    await expect(inCall.getByTestId('caller-name')).toHaveText(/Budi Santoso/);
    await expect.poll(() => phoneOf(budi).state()).toBe('Established');
    await growing(() => agentBytes(page));

    await phoneOf(budi).hangup();
    await expect(inCall).toHaveCount(0);
    const wrap = page.getByRole('region', { name: 'Wrap-up' });
    await expect(wrap).toContainText(`Call to ${BUDI.shown}`);
    await wrap.getByLabel('Disposition').selectOption('resolved');
    await wrap.getByRole('button', { name: 'Save wrap-up' }).click();
    await expect(wrap).toHaveCount(0);
  } finally {
    await closeCustomerPhone(budi);
  }
});

test('declining an incoming call: the caller gets 486 Busy Here, the card goes, no wrap-up, the phone stays registered', async ({ browser }) => {
  const budi = await openCustomerPhone(browser, BUDI.number);
  const page = agent.page;
  try {
    void phoneOf(budi).call('1001');
    const ringing = page.getByRole('region', { name: 'Incoming call' });
    await expect(ringing.getByTestId('caller-name')).toHaveText(/Budi Santoso/);
    await ringing.getByRole('button', { name: 'Decline' }).click();
    await expect.poll(() => phoneOf(budi).rejections()).toEqual([486]);
    await expect.poll(() => phoneOf(budi).state()).toBe('Terminated');
    await expect(ringing).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'In call' })).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'Wrap-up' })).toHaveCount(0);
    await expect(registration(page)).toHaveText('Registered');
  } finally {
    await closeCustomerPhone(budi);
  }
});
