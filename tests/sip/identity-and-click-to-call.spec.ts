// A caller whose number is not on file: before a customer's account details show, the agent
// ticks the identity checklist (hidden until all three are ticked, with a note saying why).
// Click-to-call: the number in the profile is a button that dials it — the INVITE leaves for
// the number at the SIP domain and reaches the phone registered there (standing in for the
// trunk, which Kamailio routes numbers to) — and the call's number in the timeline is a
// button that dials it again.
import { expect, test, type Page } from '@playwright/test';
import { SingleScreen } from '../e2e/support/pages.js';
import { closeCustomerPhone, openAgentDesktop, openCustomerPhone, setExtensions, type AgentDesktop } from './support/desktops.js';

type Phone = { call(t: string): Promise<void>; hangup(): Promise<void>; cancel(): Promise<void>; incoming: string[]; state(): string; answer(): Promise<void> };
const phone = (page: Page) => ({
  call: (target: string) => page.evaluate((t) => (window as unknown as { phone: Phone }).phone.call(t), target),
  cancel: () => page.evaluate(() => (window as unknown as { phone: Phone }).phone.cancel()),
  incoming: () => page.evaluate(() => (window as unknown as { phone: Phone }).phone.incoming),
  answer: () => page.evaluate(() => (window as unknown as { phone: Phone }).phone.answer()),
  state: () => page.evaluate(() => (window as unknown as { phone: Phone }).phone.state()),
});

test.beforeAll(async () => {
  await setExtensions({ agent1: '1001' });
});

test('an unknown number: account details hidden until the identity checklist is ticked', async ({ browser }) => {
  const desktops: AgentDesktop[] = [];
  let stranger: Page | null = null;
  try {
    const agent = await openAgentDesktop(browser, 'agent1', 'agent1-pass');
    desktops.push(agent);
    const a = agent.page;
    stranger = await openCustomerPhone(browser, '6285799990077');
    void phone(stranger).call('1001');
    const ringing = a.getByRole('region', { name: 'Incoming call' });
    await expect(ringing.getByText('Not a known customer')).toBeVisible();
    await ringing.getByRole('button', { name: 'Answer' }).click();
    await expect(a.getByRole('region', { name: 'In call' })).toBeVisible();

    // The caller says they are Budi Santoso: the agent opens Budi; the details wait.
    const screen = new SingleScreen(a);
    await screen.openCustomer('Budi Santoso', 'Budi Santoso');
    const profile = screen.profile();
    await expect(profile.getByRole('note')).toContainText("The caller's number is not on file");
    await expect(profile.getByRole('tablist')).toHaveCount(0);
    await expect(profile.getByRole('button', { name: /^Call \+62/ })).toHaveCount(0);
    const checklist = profile.getByRole('group', { name: 'Identity check' });
    await checklist.getByRole('checkbox', { name: 'Full name confirmed' }).check();
    await checklist.getByRole('checkbox', { name: 'Date of birth or ID number (NIK) confirmed' }).check();
    await expect(profile.getByRole('tablist')).toHaveCount(0);
    // The last tick opens the details and takes the checklist away, so it is a click: check()
    // would wait for a checkbox that is no longer there to show as checked.
    await checklist.getByRole('checkbox', { name: 'Address confirmed' }).click();
    await expect(checklist).toHaveCount(0);
    await expect(profile.getByRole('tablist')).toBeVisible();
    await expect(profile.getByRole('button', { name: /^Call \+62/ }).first()).toBeVisible();
    await a.getByRole('region', { name: 'In call' }).getByRole('button', { name: 'Hang up' }).click();
  } finally {
    await stranger?.context().close();
    for (const d of desktops) await d.close();
  }
});

test('click-to-call: the profile number dials it (INVITE to the number), and the call in the timeline dials it again', async ({ browser }) => {
  const desktops: AgentDesktop[] = [];
  let budi: Page | null = null;
  try {
    const agent = await openAgentDesktop(browser, 'agent1', 'agent1-pass');
    desktops.push(agent);
    const a = agent.page;
    budi = await openCustomerPhone(browser, '6281234567890', { reachable: true });
    const screen = new SingleScreen(a);
    await screen.openCustomer('Budi Santoso', 'Budi Santoso');
    await screen.profile().getByRole('button', { name: 'Call +62 812 3456 7890' }).first().click();
    // The INVITE left for the number and rang the phone there, from the agent's extension.
    await expect.poll(() => phone(budi!).incoming()).toEqual(['1001']);
    await phone(budi).answer();
    const inCall = a.getByRole('region', { name: 'In call' });
    await expect(inCall).toBeVisible();
    await inCall.getByRole('button', { name: 'Hang up' }).click();
    const wrap = a.getByRole('region', { name: 'Wrap-up' });
    await wrap.getByLabel('Disposition').selectOption('resolved');
    await wrap.getByRole('button', { name: 'Save wrap-up' }).click();
    await expect(wrap).toHaveCount(0);

    // The call is in the timeline with its number as a button; clicking it dials again.
    const entry = screen.profile().getByRole('article').filter({ hasText: 'Call to +6281234567890' }).first();
    await expect(entry).toBeVisible();
    await entry.getByRole('button', { name: 'Call +62 812 3456 7890' }).click();
    await expect.poll(async () => (await phone(budi!).incoming()).length).toBe(2);
    await expect(a.getByRole('region', { name: 'Calling…' }).or(a.getByRole('region', { name: 'In call' }))).toBeVisible();
    await a.getByRole('button', { name: 'Hang up' }).first().click();
  } finally {
    if (budi) await closeCustomerPhone(budi);
    for (const d of desktops) await d.close();
  }
});
