// An agent works a telesales list, end to end (issue 18, Must show): a sales manager has a
// campaign with the library's call script, two dispositions and a list from a CSV of two
// numbers, one of them on the do-not-call list (left out when the list is built). The agent
// opens Telesales, takes the next contact: the script shows with the customer's name filled
// in; a disposition is saved and the results count it. The list then has nobody left — the
// do-not-call number is never handed out — and clicking that customer's number on their
// profile is refused with a clear message: it is not dialled.
import { randomInt, randomUUID } from 'node:crypto';
import { formatPhone } from '../../src/shared/phone.js';
import { test, expect } from './support/fixtures.js';
import { withServerDb } from './support/db.js';
import { DEMO, LoginPage, Shell, SingleScreen } from './support/pages.js';
import { serverGet, serverLogin } from './support/server-api.js';

const api = async (token: string, method: string, path: string, body: unknown) => {
  const res = await fetch(`${process.env.SAPA_E2E_SERVER_URL}/api/v1${path}`, {
    method, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return res.json() as Promise<Record<string, unknown>>;
};
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jakarta', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const mobile = () => `0857 ${randomInt(1000, 9999)} ${randomInt(1000, 9999)}`;

test('an agent works a telesales list: the script shows, a disposition is saved, a do-not-call number is not dialled', async ({ page, desktop }) => {
  const manager = await serverLogin('salesmgr1', 'salesmgr1-pass');
  const tag = randomUUID().slice(0, 6);
  const [phoneA, phoneB] = [mobile(), mobile()];
  const a = await api(manager, 'POST', '/sales/prospects', { fullName: `Sinta Telesales ${tag}`, phones: [phoneA], stage: 'prospect' });
  const b = await api(manager, 'POST', '/sales/prospects', { fullName: `Joko Jangan ${tag}`, phones: [phoneB], stage: 'prospect' });
  // Joko asked not to be called again: his number, written another way, goes on the list.
  await api(manager, 'POST', '/telesales/dnc', { phone: `+62${phoneB.replace(/\D/g, '').slice(1)}`, reason: 'Permintaan pelanggan' });
  const [script] = await withServerDb(async (db) => (await db.query<{ id: string; title: string }>(
    "SELECT id, title FROM reply_paragraphs WHERE 'call_script' = ANY(channels) AND status = 'approved' ORDER BY title LIMIT 1")).rows);
  if (!script) throw new Error('the demo library has no call script');
  const campaign = await api(manager, 'POST', '/telesales/campaigns', {
    name: `Upgrade Fiber ${tag}`, startsOn: today(), endsOn: today(), scriptParagraphIds: [script.id],
    dispositionCodes: ['sale', 'no_answer'], successCodes: ['sale'],
  });
  const built = await api(manager, 'POST', `/telesales/campaigns/${String(campaign.id)}/contacts`, { from: 'csv', csv: `phone\n${phoneA}\n${phoneB}\n` });
  expect(built).toMatchObject({ added: 1, excludedDoNotCall: 1, alreadyOnList: 0 });

  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(desktop.url);
  await new LoginPage(page).signIn(DEMO.agent.username, DEMO.agent.password);
  await new Shell(page).go('Telesales');
  await page.getByRole('combobox', { name: 'Campaign' }).selectOption({ label: `Upgrade Fiber ${tag}` });
  await page.getByRole('button', { name: 'Next contact' }).click();

  const card = page.getByRole('region', { name: `Contact: Sinta Telesales ${tag}` });
  await expect(card).toBeVisible();
  const scriptBox = card.getByRole('region', { name: 'Call script' });
  await expect(scriptBox.getByText(script.title)).toBeVisible();
  // The script speaks to the customer: no raw {{…}} left for the agent to read out.
  await expect(scriptBox).not.toContainText('{{');
  await card.getByRole('combobox', { name: 'Disposition' }).selectOption({ label: 'Sale' });
  await card.getByRole('textbox', { name: 'Note' }).fill('Minta paket 100 Mbps');
  await card.getByRole('button', { name: 'Save disposition' }).click();
  await expect(page.getByRole('status').filter({ hasText: `Sinta Telesales ${tag}: Sale saved.` })).toBeVisible();

  // The only other number is on the do-not-call list: the list has nobody left for anyone.
  await page.getByRole('button', { name: 'Next contact' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Everyone on this list has been called.' })).toBeVisible();
  const saved = await withServerDb(async (db) => (await db.query<{ status: string; disposition: string | null; note: string | null }>(
    'SELECT status, disposition, note FROM campaign_contacts WHERE campaign_id = $1 ORDER BY status', [campaign.id])).rows);
  expect(saved).toEqual([{ status: 'done', disposition: 'sale', note: 'Minta paket 100 Mbps' }, { status: 'excluded', disposition: null, note: null }]);
  const results = await serverGet<Record<string, unknown>>(manager, `/telesales/campaigns/${String(campaign.id)}/results`);
  expect(results).toMatchObject({ total: 2, excluded: 1, done: 1, contactedPct: 100, conversions: 1, conversionPct: 100, byDisposition: [{ code: 'sale', count: 1 }] });

  // Joko's number on his profile: the click is refused with a clear message, nothing dialled or copied.
  const screen = new SingleScreen(page);
  await new Shell(page).go('Home');
  await screen.openCustomer(`Joko Jangan ${tag}`, `Joko Jangan ${tag}`);
  const e164B = `+62${phoneB.replace(/\D/g, '').slice(1)}`;
  const shown = formatPhone(e164B);
  await screen.profile().getByRole('button', { name: `Call ${shown}` }).click();
  await expect(page.getByRole('alert').filter({ hasText: `Do not call: ${shown} is on the do-not-call list and was not dialled.` })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Softphone' }).getByText(shown)).toHaveCount(0);
  expect(b.outcome).toBe('created');
  expect(a.outcome).toBe('created');
});
