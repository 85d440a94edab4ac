// The Organisation screen end to end, through the real server and Kamailio: an admin adds a
// queue and a disposition (labelled in both languages, needing a follow-up) on /admin/org,
// and the next call's wrap-up on an agent's desktop offers it — with its Indonesian label
// once the agent switches to Bahasa Indonesia — asks for the call-back it needs before it
// saves, and counts the wrap-up time limit down.
import { expect, test, type Page } from '@playwright/test';
import { apiToken, openAgentDesktop, openCustomerPhone, setExtensions } from './support/desktops.js';
import { suiteEnv } from './support/sip-env.js';

const BUDI = '6281234567890';
type Phone = { call(t: string): Promise<void>; hangup(): Promise<void>; state(): string };
const phone = (page: Page) => ({
  call: (target: string) => page.evaluate((t) => (window as unknown as { phone: Phone }).phone.call(t), target),
  hangup: () => page.evaluate(() => (window as unknown as { phone: Phone }).phone.hangup()),
  state: () => page.evaluate(() => (window as unknown as { phone: Phone }).phone.state()),
});

function localTomorrowAt(hhmm: string): string {
  const d = new Date(Date.now() + 86_400_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${hhmm}`;
}

test.beforeAll(async () => {
  await setExtensions({ agent1: '1001' });
});

test('an admin adds a queue and a disposition; the agent’s wrap-up offers it in Indonesian and asks for its call-back', async ({ browser }) => {
  const admin = await openAgentDesktop(browser, 'admin1', 'admin1-pass');
  const agent = await openAgentDesktop(browser, 'agent1', 'agent1-pass');
  const customer = await openCustomerPhone(browser, BUDI);
  try {
    const a = admin.page;
    await a.getByRole('navigation').getByRole('link', { name: 'Organisation' }).click();
    await expect(a.getByRole('heading', { name: 'Organisation' })).toBeVisible();

    // A queue, with a mistake first: the form says what is wrong before anything is sent.
    await a.getByRole('button', { name: 'Add queue' }).click();
    let dialog = a.getByRole('dialog', { name: 'Add queue' });
    await dialog.getByLabel('Code').fill('Retensi!');
    await dialog.getByLabel('Label (Bahasa Indonesia)').fill('Retensi');
    await dialog.getByLabel('Label (English)').fill('Retention');
    await dialog.getByLabel('Case categories').fill('complaint, billing');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog.getByText('Not in the right format (see the hint)')).toBeVisible();
    await dialog.getByLabel('Code').fill('retention');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toHaveCount(0);
    const queues = a.getByRole('table', { name: 'Queues' });
    await expect(queues.getByRole('row').filter({ hasText: 'retention' })).toContainText('complaint, billing');

    // A disposition that needs a follow-up, first in the wrap-up's order.
    await a.getByRole('tab', { name: 'Dispositions' }).click();
    await a.getByRole('button', { name: 'Add disposition' }).click();
    dialog = a.getByRole('dialog', { name: 'Add disposition' });
    await dialog.getByLabel('Code').fill('promo_offered');
    await dialog.getByLabel('Label (Bahasa Indonesia)').fill('Promo ditawarkan');
    await dialog.getByLabel('Label (English)').fill('Promotion offered');
    await dialog.getByLabel('Needs a follow-up call-back').check();
    await dialog.getByLabel('Order').fill('0');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog).toHaveCount(0);
    await expect(a.getByRole('table', { name: 'Dispositions' }).getByRole('row').filter({ hasText: 'promo_offered' })).toContainText('Promo ditawarkan');
    // The same code again: refused, and said so.
    await a.getByRole('button', { name: 'Add disposition' }).click();
    dialog = a.getByRole('dialog', { name: 'Add disposition' });
    await dialog.getByLabel('Code').fill('promo_offered');
    await dialog.getByLabel('Label (Bahasa Indonesia)').fill('Lagi');
    await dialog.getByLabel('Label (English)').fill('Again');
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect(dialog.getByRole('alert')).toHaveText('That code or name already exists.');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // The agent's next call.
    const p = agent.page;
    void phone(customer).call('1001');
    const ringing = p.getByRole('region', { name: 'Incoming call' });
    await ringing.getByRole('button', { name: 'Answer' }).click();
    await expect(p.getByRole('region', { name: 'In call' })).toBeVisible();
    await expect.poll(() => phone(customer).state()).toBe('Established');
    await phone(customer).hangup();

    const wrap = p.getByRole('region', { name: 'Wrap-up' });
    await expect(wrap).toBeVisible();
    await expect(wrap.getByRole('timer')).toHaveText(/^Time left: [12]:\d\d$/);
    await expect(wrap.getByLabel('Disposition').locator('option', { hasText: 'Promotion offered' })).toHaveCount(1);
    await p.getByLabel('Language').selectOption('id');
    const bungkus = p.getByRole('region', { name: 'Penyelesaian panggilan' });
    const select = bungkus.getByLabel('Disposisi');
    await expect(select.locator('option', { hasText: 'Promo ditawarkan' })).toHaveCount(1);
    await select.selectOption({ label: 'Promo ditawarkan' });
    // It needs a call-back: saving waits for one.
    const save = bungkus.getByRole('button', { name: 'Simpan penyelesaian' });
    await expect(bungkus.getByText('Disposisi ini perlu telepon balik: pilih waktunya.')).toBeVisible();
    await expect(save).toBeDisabled();
    await bungkus.getByLabel(/Telepon balik \(wajib/).fill(localTomorrowAt('10:30'));
    await expect(save).toBeEnabled();
    await save.click();
    await expect(bungkus).toHaveCount(0);

    // The wrap-up reached the server with the new code.
    const token = await apiToken('agent1', 'agent1-pass');
    await expect.poll(async () => {
      const res = await fetch(`${suiteEnv().serverUrl}/api/v1/customers/00000000-0000-4000-8000-000000000001/interactions?limit=5`, { headers: { authorization: `Bearer ${token}` } });
      const body = (await res.json()) as { items: { disposition: string | null }[] };
      return body.items.some((i) => i.disposition === 'promo_offered');
    }, { timeout: 20_000 }).toBe(true);
  } finally {
    await customer.context().close();
    await agent.close();
    await admin.close();
  }
});
