// Signalling through the real Kamailio: an outside caller over UDP (sipp) pops the
// customer whose number it gives in a local Indonesian form; bad input gets clear answers;
// and the softphone finds its way back after the proxy restarts.
import { expect, test } from '@playwright/test';
import { kamailio } from './support/global-setup.js';
import { apiToken, openAgentDesktop, openCustomerPhone, registration, setExtensions, type AgentDesktop } from './support/desktops.js';
import { suiteEnv } from './support/sip-env.js';
import { runSipp } from './support/sipp.js';

let agent: AgentDesktop;

test.beforeAll(async ({ browser }) => {
  await setExtensions({ agent1: '1001', agent2: '1002' });
  agent = await openAgentDesktop(browser, 'agent1', 'agent1-pass');
});
test.afterAll(async () => { await agent.close(); });

test('sipp over UDP: a caller in local form (0812…) pops the customer while it rings', async () => {
  // It rings 12 s before the caller gives up: long enough that a loaded machine still shows
  // the pop before the CANCEL takes the card away.
  const sipp = runSipp('invite-cancel.xml', '1001', { CALLER: '081234567890', RING_MS: '12000' });
  const ringing = agent.page.getByRole('region', { name: 'Incoming call' });
  await expect(ringing.getByTestId('caller-name')).toHaveText(/Budi Santoso/);
  await expect(ringing.locator('[data-tier]')).toBeVisible();
  const result = await sipp;
  expect(result.code, result.output).toBe(0);
  // Cancelled by the caller: the ringing card goes; an unanswered call needs no wrap-up.
  await expect(ringing).toHaveCount(0);
  await expect(agent.page.getByRole('region', { name: 'Wrap-up' })).toHaveCount(0);
});

test('bad input: a malformed From is refused with 400, an unregistered agent answers 480, nothing rings', async () => {
  const malformed = await runSipp('invite-expect.xml', '1001', { FROM: 'this is not a uri', EXPECT: '400' });
  expect(malformed.code, malformed.output).toBe(0);
  const unregistered = await runSipp('invite-expect.xml', '1999', { FROM: '<sip:081234567890@127.0.0.1>;tag=x1', EXPECT: '480' });
  expect(unregistered.code, unregistered.output).toBe(0);
  await expect(agent.page.getByRole('region', { name: 'Incoming call' })).toHaveCount(0);
});

test('an unknown caller: the number, "not a known customer", and a new customer created while it rings pops and gets the wrap-up', async ({ browser }) => {
  const stranger = await openCustomerPhone(browser, '6285799990001');
  const page = agent.page;
  try {
    void stranger.evaluate(() => (window as unknown as { phone: { call(t: string): Promise<void> } }).phone.call('1001'));
    const ringing = page.getByRole('region', { name: 'Incoming call' });
    await expect(ringing.getByTestId('caller-number')).toHaveText('+62 857 9999 0001');
    await expect(ringing.getByText('Not a known customer')).toBeVisible();
    await ringing.getByRole('button', { name: 'Create customer' }).click();
    const form = ringing.getByRole('form', { name: 'New customer' });
    await expect(form.getByLabel('Phone number')).toHaveValue('+6285799990001');
    await expect(form.getByLabel('Tier')).toHaveValue('regular');
    // Bad input is explained before anything is saved.
    await form.getByLabel('E-mail (optional)').fill('sari@');
    await form.getByRole('button', { name: 'Save customer' }).click();
    await expect(form.getByText("Enter the customer's name")).toBeVisible();
    await expect(form.getByText('Not an e-mail address')).toBeVisible();
    await form.getByLabel('Salutation').selectOption('Ibu');
    await form.getByLabel('Full name').fill('Sari Wulandari');
    await form.getByLabel('E-mail (optional)').fill('sari@example.co.id');
    await form.getByRole('button', { name: 'Save customer' }).click();
    // The new customer is the screen pop and their profile opens, still ringing.
    await expect(ringing.getByTestId('caller-name')).toHaveText('Ibu Sari Wulandari');
    await expect(page.getByRole('region', { name: 'Customer profile' }).getByRole('heading', { name: /Sari Wulandari/ })).toBeVisible();

    await ringing.getByRole('button', { name: 'Answer' }).click();
    const inCall = page.getByRole('region', { name: 'In call' });
    await expect(inCall.getByTestId('caller-name')).toHaveText('Ibu Sari Wulandari');
    await inCall.getByRole('button', { name: 'Hang up' }).click();
    const wrap = page.getByRole('region', { name: 'Wrap-up' });
    await expect(wrap).toContainText('Sari Wulandari');
    await wrap.getByLabel('Disposition').selectOption('resolved');
    await wrap.getByRole('button', { name: 'Save wrap-up' }).click();
    await expect(wrap).toHaveCount(0);

    // On the server: a customer with a number the server assigned, and the call on them.
    const { serverUrl } = suiteEnv();
    const token = await apiToken('agent1', 'agent1-pass');
    const get = async <T,>(p: string): Promise<T> => (await fetch(`${serverUrl}/api/v1${p}`, { headers: { authorization: `Bearer ${token}` } })).json() as Promise<T>;
    type Found = { customers: { id: string; customerNo: string; fullName: string; emails: string[] }[] };
    await expect.poll(async () => (await get<Found>('/customers/by-phone?phone=085799990001')).customers.length, { timeout: 20_000 }).toBe(1);
    const [created] = (await get<Found>('/customers/by-phone?phone=085799990001')).customers;
    expect(created).toMatchObject({ fullName: 'Sari Wulandari', emails: ['sari@example.co.id'] });
    expect(created?.customerNo).toMatch(/^C\d{8}$/);
    await expect.poll(async () => (await get<{ items: { channel: string; disposition: string | null }[] }>(`/customers/${created?.id}/interactions?limit=5`))
      .items.filter((i) => i.channel === 'call_in' && i.disposition === 'resolved').length, { timeout: 20_000 }).toBe(1);
  } finally {
    await stranger.context().close();
  }
});

test('reconnect: the proxy restarts while the agent is idle; registered again within 10 s of its return', async () => {
  const { kamailioDir } = suiteEnv();
  kamailio('stop', kamailioDir);
  await expect(registration(agent.page)).toHaveText('Connecting', { timeout: 15_000 });
  await expect(agent.page.getByTestId('registration-reason')).toContainText(/SIP proxy/);
  kamailio('start', kamailioDir);
  const back = Date.now();
  await expect(registration(agent.page)).toHaveText('Registered', { timeout: 10_000 });
  expect(Date.now() - back).toBeLessThan(10_000);
});
