// Never miss, never steal: while the agent works in another window (document.hasFocus()
// false, as the OS reports it) and types, a call rings: a system notification is raised
// (window.Notification, hooked here to record it) and the tab title blinks, the keystrokes
// keep landing in the field the agent types in, and the ringer rings until the caller hangs
// up — or, on the next call, exactly until the agent answers.
import { expect, test, type Page } from '@playwright/test';
import { SingleScreen } from '../e2e/support/pages.js';
import { openAgentDesktop, openCustomerPhone, setExtensions, type AgentDesktop } from './support/desktops.js';

/** Records notifications (title, body, closed) and lets the test say whether the agent is elsewhere. */
const HOOKS = `
  window.__notifications = [];
  window.__agentElsewhere = false;
  const realHasFocus = Document.prototype.hasFocus;
  Document.prototype.hasFocus = function () { return window.__agentElsewhere ? false : realHasFocus.call(this); };
  class RecordedNotification {
    static permission = 'granted';
    static requestPermission() { return Promise.resolve('granted'); }
    constructor(title, options) {
      this.record = { title, body: options?.body ?? '', closed: false };
      window.__notifications.push(this.record);
    }
    close() { this.record.closed = true; }
  }
  window.Notification = RecordedNotification;
`;

type Recorded = { title: string; body: string; closed: boolean };
const notifications = (page: Page) => page.evaluate(() => (window as unknown as { __notifications: Recorded[] }).__notifications);
const ringing = (page: Page) => page.evaluate(() => window.__sapaSoftphone?.ringing() ?? false);
type Phone = { call(t: string): Promise<void>; cancel(): Promise<void>; state(): string };
const phone = (page: Page) => ({
  call: (target: string) => page.evaluate((t) => (window as unknown as { phone: Phone }).phone.call(t), target),
  cancel: () => page.evaluate(() => (window as unknown as { phone: Phone }).phone.cancel()),
  state: () => page.evaluate(() => (window as unknown as { phone: Phone }).phone.state()),
});

test.beforeAll(async () => {
  await setExtensions({ agent1: '1001' });
});

test('a call rings while the agent types elsewhere: notification, focus kept, rings until hang-up, stops on answer', async ({ browser }) => {
  const desktops: AgentDesktop[] = [];
  let customer: Page | null = null;
  try {
    const agent = await openAgentDesktop(browser, 'agent1', 'agent1-pass', { initScript: HOOKS });
    desktops.push(agent);
    const a = agent.page;
    for (const [name, page] of [['agent', a]] as const) {
      page.on('console', (m) => { if (process.env.SAPA_DEBUG_CONSOLE) console.log(Date.now(), name, m.text().slice(0, 300)); });
    }
    customer = await openCustomerPhone(browser, '6281234567890');
    await a.evaluate(() => { (window as unknown as { __agentElsewhere: boolean }).__agentElsewhere = true; });
    const field = new SingleScreen(a).search();
    await field.click();
    await a.keyboard.type('Siti', { delay: 40 });

    // The call rings in the middle of the typing.
    void phone(customer).call('1001');
    const card = a.getByRole('region', { name: 'Incoming call' });
    await expect(card).toBeVisible();
    await a.keyboard.type(' Rahayu', { delay: 40 });
    await expect(field).toHaveValue('Siti Rahayu');
    await expect(field).toBeFocused();
    await expect.poll(() => notifications(a)).toEqual([{ title: 'Incoming call', body: expect.stringContaining('Budi Santoso'), closed: false }]);
    await expect.poll(() => a.title()).toContain('☎ Incoming call');
    await expect.poll(() => ringing(a)).toBe(true);

    // Still ringing after several cadences (no timer to run out), still not focused away.
    await a.waitForTimeout(7_000);
    expect(await ringing(a)).toBe(true);
    await expect(field).toBeFocused();

    // The caller hangs up: the ringer stops, the notification goes, the title is back.
    await phone(customer).cancel();
    await expect(card).toHaveCount(0);
    await expect.poll(() => ringing(a)).toBe(false);
    expect((await notifications(a)).every((n) => n.closed)).toBe(true);
    await expect.poll(() => a.title()).not.toContain('☎');

    // The next call rings until the agent answers it, and not a moment longer.
    void phone(customer).call('1001');
    await expect(card).toBeVisible();
    await expect.poll(() => ringing(a)).toBe(true);
    await expect.poll(async () => (await notifications(a)).length).toBe(2);
    expect(await ringing(a)).toBe(true);
    await card.getByRole('button', { name: 'Answer' }).click();
    expect(await ringing(a)).toBe(false);
    await expect(a.getByRole('region', { name: 'In call' })).toBeVisible();
    expect((await notifications(a)).every((n) => n.closed)).toBe(true);
    await expect.poll(() => phone(customer!).state()).toBe('Established');
    await a.getByRole('region', { name: 'In call' }).getByRole('button', { name: 'Hang up' }).click();
  } finally {
    await customer?.context().close();
    for (const d of desktops) await d.close();
  }
});
