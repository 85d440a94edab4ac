// Sampling and calibration in the real app: lead1's VVIP-complaint policy samples a call of
// their team's agent into the review queue on "Run sampling now" (with its due date); the lead
// opens it from the queue straight into the review view, scores it, and it leaves the queue.
// From the same review view the lead starts a calibration with admin1 (the second evaluator;
// the demo has one lead); lead1 scores first (blind: admin1 sees no score until theirs is
// in), admin1 scores differently and the result shows each evaluator's deviation from the
// reference (lead1), per item and in total.
import { randomUUID } from 'node:crypto';
import { type Page } from '@playwright/test';
import { test, expect } from './support/fixtures.js';
import { withServerDb, userId } from './support/db.js';
import { cutLabels } from './support/layout.js';
import { DEMO, LoginPage, Shell } from './support/pages.js';
import { serverLogin } from './support/server-api.js';

const SERVER_URL = process.env.SAPA_E2E_SERVER_URL ?? '';
const LEAD = { username: 'lead1', password: 'lead1-pass' };
const L = (en: string, id: string) => ({ id, en });

async function api(token: string, path: string, body: unknown): Promise<unknown> {
  const res = await fetch(`${SERVER_URL}/api/v1${path}`, {
    method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return res.json();
}

/** agent1 in a new team led by lead1, a VVIP complaint call of agent1 an hour ago, a one-item form, and lead1's VVIP policy. */
async function setup(): Promise<{ tag: string; subject: string; formName: string; adminName: string; restore(): Promise<void> }> {
  const tag = randomUUID().slice(0, 8);
  const subject = `Keluhan VVIP ${tag}`;
  const formName = `Kalibrasi ${tag}`;
  const [agent1, lead1, admin1] = await Promise.all([userId('agent1'), userId('lead1'), userId('admin1')]);
  const team = randomUUID();
  const s = await withServerDb(async (db) => {
    const { rows: [before] } = await db.query<{ team_id: string | null }>('SELECT team_id FROM users WHERE id = $1', [agent1]);
    const { rows: [admin] } = await db.query<{ display_name: string }>('SELECT display_name FROM users WHERE id = $1', [admin1]);
    await db.query('INSERT INTO teams (id, name, lead_user_id) VALUES ($1, $2, $3)', [team, `Tim sampel ${tag}`, lead1]);
    await db.query('UPDATE users SET team_id = $1 WHERE id = $2', [team, agent1]);
    const { rows: [customer] } = await db.query<{ id: string; vvip: boolean }>('SELECT id, vvip FROM customers ORDER BY vvip DESC, customer_no LIMIT 1');
    if (customer && !customer.vvip) await db.query('UPDATE customers SET vvip = true WHERE id = $1', [customer.id]);
    await db.query(
      `INSERT INTO interactions (id, customer_id, channel, direction, started_at, ended_at, agent_id, agent_name, subject, disposition, duration_sec)
       VALUES ($1, $2, 'call_in', 'inbound', now() - interval '1 hour', now() - interval '58 minutes', $3,
         (SELECT display_name FROM users WHERE id = $3), $4, 'complaint_logged', 120)`,
      [randomUUID(), customer?.id, agent1, subject]);
    return { beforeTeam: before?.team_id ?? null, adminName: admin?.display_name ?? 'admin1', customerId: customer?.id ?? null, wasVvip: customer?.vvip ?? false };
  });
  const token = await serverLogin(LEAD.username, LEAD.password);
  await api(token, '/quality/forms', { name: L(formName, formName), definition: { sections: [
    { id: 'greeting', label: L('Greeting', 'Salam'), weight: 100, items: [{ id: 'hello', kind: 'yes_no', label: L('Greets the customer', 'Menyapa pelanggan'), allowNa: false }] },
  ] } });
  await api(token, '/quality/sampling/policies', { name: `VVIP ${tag}`, rule: { kind: 'vvip_complaint' }, teamId: team, dueDays: 2 });
  return {
    tag, subject, formName, adminName: s.adminName,
    restore: () => withServerDb(async (db) => {
      await db.query('UPDATE users SET team_id = $1 WHERE id = $2', [s.beforeTeam, agent1]);
      await db.query('UPDATE quality_sampling_policies SET active = false WHERE team_id = $1', [team]);
      if (s.customerId && !s.wasVvip) await db.query('UPDATE customers SET vvip = false WHERE id = $1', [s.customerId]);
    }),
  };
}

async function openCalibration(page: Page, shell: Shell, formName: string) {
  await shell.nav().getByRole('link', { name: 'Quality' }).click();
  const sessions = page.getByRole('region', { name: 'Calibration sessions' });
  await sessions.getByRole('row').filter({ hasText: formName }).getByRole('button', { name: /^Open calibration/ }).click();
  return page.getByRole('region', { name: /^Calibration: / });
}

test('a sampled call is due in the lead\'s queue, scored from it and gone; two evaluators calibrate blind and see their deviations', async ({ page, desktop }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(desktop.url);
  const s = await setup();
  try {
    await new LoginPage(page).signIn(LEAD.username, LEAD.password);
    const shell = new Shell(page);
    await shell.nav().getByRole('link', { name: 'Quality' }).click();

    // The review queue: run the sampling, the VVIP complaint is due (and its due date shown).
    const queue = page.getByRole('region', { name: 'Review queue' });
    await queue.getByRole('button', { name: 'Run sampling now' }).click();
    await expect(queue.getByRole('status')).toContainText('Sampling added');
    const row = queue.getByRole('table', { name: 'Interactions due for review' }).getByRole('row').filter({ hasText: s.subject });
    await expect(row).toBeVisible();
    await expect(row).toContainText('VVIP');
    await expect(row).toContainText('Dewi');
    expect(await cutLabels(page)).toEqual([]);
    await row.getByRole('button', { name: /^Review / }).click();

    // Straight into the review view: start a calibration with admin1, then score it.
    const review = page.getByRole('region', { name: `Review: ${s.subject}` });
    await review.getByRole('button', { name: 'Calibrate with other leads' }).click();
    const start = review.getByRole('region', { name: 'Calibrate with other leads' });
    await start.getByRole('combobox', { name: 'Form version' }).selectOption({ label: `${s.formName} · v1` });
    await start.getByRole('checkbox', { name: s.adminName }).check();
    await start.getByRole('button', { name: 'Start calibration' }).click();
    await expect(review.getByRole('status').filter({ hasText: 'Calibration started with 2 evaluators.' })).toBeVisible();

    await review.getByRole('button', { name: 'Score this interaction' }).click();
    const scoring = review.getByRole('region', { name: 'Score this interaction' });
    await scoring.getByRole('combobox', { name: 'Form version' }).selectOption({ label: `${s.formName} · v1` });
    await scoring.getByRole('group', { name: 'Greeting' }).getByRole('radio', { name: 'Yes' }).check();
    await scoring.getByRole('button', { name: 'Save evaluation' }).click();
    await expect(review.getByRole('status', { name: 'Evaluation saved' })).toContainText("Saved. The server's score: 100.0");
    await review.getByRole('button', { name: 'Back to the list' }).click();
    await expect(page.getByRole('region', { name: 'Review queue' }).getByRole('row').filter({ hasText: s.subject })).toHaveCount(0);

    // Calibration: lead1 (the reference) scores 100.
    let session = await openCalibration(page, shell, s.formName);
    await session.getByRole('group', { name: 'Greeting' }).getByRole('radio', { name: 'Yes' }).check();
    await session.getByRole('button', { name: 'Save evaluation' }).click();
    const results = session.getByRole('table', { name: 'Calibration result' });
    await expect(results.getByRole('row').filter({ hasText: 'Dewi' })).toContainText('100.0');
    await expect(results.getByRole('row').filter({ hasText: s.adminName })).toContainText('Not yet');

    // admin1: blind until their own score is in, then the deviation from the reference.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await new LoginPage(page).signIn(DEMO.admin.username, DEMO.admin.password);
    session = await openCalibration(page, shell, s.formName);
    await expect(session.getByRole('status').filter({ hasText: 'Scores are hidden until you submit yours (1 of 2 in).' })).toBeVisible();
    await expect(session.getByRole('table', { name: 'Calibration result' })).toHaveCount(0);
    await session.getByRole('group', { name: 'Greeting' }).getByRole('radio', { name: 'No' }).check();
    await session.getByRole('button', { name: 'Save evaluation' }).click();
    const after = session.getByRole('table', { name: 'Calibration result' });
    await expect(after.getByRole('row').filter({ hasText: s.adminName })).toContainText('-100.0');
    await expect(after.getByRole('row').filter({ hasText: 'Dewi' })).toContainText('0.0');
    await expect(session.getByRole('table', { name: 'Deviation per item from the reference' }).getByRole('row').filter({ hasText: 'hello' })).toContainText('-100.0');
    expect(await cutLabels(page)).toEqual([]);
    await session.getByRole('button', { name: 'Close session' }).click();
    await expect(session).toContainText('Closed');
  } finally {
    await s.restore();
  }
});

test.describe('in Bahasa Indonesia', () => {
  test.use({ locale: 'id-ID' });

  test('the review queue, sampling policies and calibration speak Indonesian and fit 1366×768', async ({ page, desktop }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(desktop.url);
    const s = await setup();
    try {
      await new LoginPage(page).signIn(LEAD.username, LEAD.password, 'id');
      await new Shell(page).nav().getByRole('link', { name: 'Kualitas' }).click();
      const queue = page.getByRole('region', { name: 'Antrean tinjauan' });
      await queue.getByRole('button', { name: 'Jalankan sampling sekarang' }).click();
      await expect(queue.getByRole('row').filter({ hasText: s.subject })).toBeVisible();
      await expect(page.getByRole('region', { name: 'Kebijakan sampling' }).getByRole('row').filter({ hasText: `VVIP ${s.tag}` }))
        .toContainText('Semua keluhan VVIP');
      await expect(page.getByRole('region', { name: 'Sesi kalibrasi' })).toBeVisible();
      expect(await cutLabels(page)).toEqual([]);
      await page.screenshot({ path: 'test-results/quality-queue-id.png' });
    } finally {
      await s.restore();
    }
  });
});
