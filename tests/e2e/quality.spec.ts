// Quality in the real app: a lead publishes a form (a fatal item), filters recordings by agent
// and disposition, opens one, seeks to 0:42, scores it with the fatal item failed (the score
// is the fatal result, 0, live and from the server) and pins a comment at 0:42. The used form
// shows as locked: no edit, only "New version". The agent sees the evaluation with the pinned
// comment, acknowledges another one, disputes this one; an admin (any evaluator but the
// original one, decision 0023) re-scores it and both scores are kept. The same screens in
// Indonesian at 1366×768.
import { randomUUID } from 'node:crypto';
import { type Page } from '@playwright/test';
import { uploadRecording } from '../support/recording-upload.js';
import { encodeOpusInPage, muxWebmOpus } from '../support/webm-opus.js';
import { test, expect } from './support/fixtures.js';
import { withServerDb, userId } from './support/db.js';
import { cutLabels } from './support/layout.js';
import { DEMO, LoginPage, Shell } from './support/pages.js';
import { serverLogin } from './support/server-api.js';

const SERVER_URL = process.env.SAPA_E2E_SERVER_URL ?? '';
const LEAD = { username: 'lead1', password: 'lead1-pass' };
const DURATION_MS = 2 * 60_000;

interface Setup { tag: string; wanted: string; other: string; otherId: string; otherDisposition: string; otherAgent: string; restore(): Promise<void> }

/** agent1 in a team lead1 leads; agent1's recorded complaint (wanted), agent1's other call, agent1's resolved call, agent2's complaint. */
async function teamWithCalls(page: Page): Promise<Setup> {
  const tag = randomUUID().slice(0, 8);
  const recordingId = randomUUID();
  const recording = muxWebmOpus(await encodeOpusInPage(page, 10), DURATION_MS);
  await uploadRecording(SERVER_URL, await serverLogin('agent1', 'agent1-pass'), recordingId, recording.data, recording.durationMs);
  const [agent1, agent2, lead1] = await Promise.all([userId('agent1'), userId('agent2'), userId('lead1')]);
  const otherId = randomUUID();
  const s = { tag, wanted: `Tagihan dobel ${tag}`, other: `Tanya saldo ${tag}`, otherDisposition: `Paket data ${tag}`, otherAgent: `Sinyal hilang ${tag}` };
  return withServerDb(async (db) => {
    const team = randomUUID();
    const { rows: [before] } = await db.query<{ team_id: string | null }>('SELECT team_id FROM users WHERE id = $1', [agent1]);
    await db.query('INSERT INTO teams (id, name, lead_user_id) VALUES ($1, $2, $3)', [team, `Tim mutu ${tag}`, lead1]);
    await db.query('UPDATE users SET team_id = $1 WHERE id = $2', [team, agent1]);
    const { rows: [customer] } = await db.query<{ id: string }>('SELECT id FROM customers ORDER BY customer_no DESC LIMIT 1');
    const insert = (id: string, agent: string, subject: string, disposition: string, rec: string | null) => db.query(
      `INSERT INTO interactions (id, customer_id, channel, direction, started_at, ended_at, agent_id, agent_name, subject,
         disposition, duration_sec, recording_id)
       VALUES ($1, $2, 'call_in', 'inbound', now() - interval '1 hour', now() - interval '58 minutes', $3,
         (SELECT display_name FROM users WHERE id = $3), $4, $5, 120, $6)`,
      [id, customer?.id, agent, subject, disposition, rec]);
    await insert(randomUUID(), agent1, s.wanted, 'complaint_logged', recordingId);
    await insert(otherId, agent1, s.other, 'resolved', null);
    await insert(randomUUID(), agent1, s.otherDisposition, 'resolved', null);
    await insert(randomUUID(), agent2, s.otherAgent, 'complaint_logged', null);
    return {
      ...s, otherId,
      restore: () => withServerDb(async (again) => { await again.query('UPDATE users SET team_id = $1 WHERE id = $2', [before?.team_id ?? null, agent1]); }),
    };
  });
}

/** lead1 scores `interactionId` on the form's first version through the server's API (a second evaluation for the agent). */
async function scoreThroughApi(interactionId: string, formName: string): Promise<void> {
  const token = await serverLogin(LEAD.username, LEAD.password);
  const api = (path: string, init?: RequestInit) => fetch(`${SERVER_URL}/api/v1${path}`, {
    ...init, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
  });
  const { forms } = await (await api('/quality/forms')).json() as { forms: { name: { en: string }; versions: { id: string }[] }[] };
  const form = forms.find((f) => f.name.en === formName);
  const res = await api('/quality/evaluations', {
    method: 'POST',
    body: JSON.stringify({ interactionId, formVersionId: form?.versions[0]?.id, answers: [{ itemId: 'hello', value: 'yes' }, { itemId: 'disclosure', value: 'yes' }] }),
  });
  if (res.status !== 201) throw new Error(`evaluation: ${res.status} ${await res.text()}`);
}

async function signOut(page: Page, name = 'Sign out') {
  await page.getByRole('button', { name }).click();
}

test('a lead scores a recording with a fatal item failed and pins a comment; the agent acknowledges and disputes; an admin re-scores', async ({ page, desktop }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(desktop.url);
  const s = await teamWithCalls(page);
  const formName = `Mutu panggilan ${s.tag}`;
  try {
    await new LoginPage(page).signIn(LEAD.username, LEAD.password);
    const shell = new Shell(page);
    const lead = shell.nav().getByRole('region', { name: 'Team lead' });

    // A form with a fatal item, published through the structured editor (checked as typed).
    await lead.getByRole('link', { name: 'Quality' }).click();
    const forms = page.getByRole('region', { name: 'Quality forms' });
    await forms.getByRole('button', { name: 'New form' }).click();
    const editor = page.getByRole('region', { name: 'New form' });
    await editor.getByLabel('Name (Indonesian)').fill(formName);
    await editor.getByLabel('Name (English)').fill(formName);
    const definition = editor.getByLabel('Form definition (JSON)');
    const example = await definition.inputValue();
    await definition.fill(example.replace('"weight": 40', '"weight": 50'));
    await expect(editor.getByText('sections: section weights add up to 110, not 100')).toBeVisible();
    await expect(editor.getByRole('button', { name: 'Publish version' })).toBeDisabled();
    await definition.fill(example);
    await editor.getByRole('button', { name: 'Publish version' }).click();
    const v1 = forms.getByRole('row').filter({ hasText: formName });
    await expect(v1).toContainText('Not used yet');
    await expect(v1.getByRole('button', { name: `Edit ${formName} v1` })).toBeVisible();
    expect(await cutLabels(page)).toEqual([]);
    await scoreThroughApi(s.otherId, formName);

    // Filter by agent and disposition, open the recording, seek to 0:42.
    await lead.getByRole('link', { name: 'Interactions' }).click();
    const table = page.getByRole('table', { name: 'Interactions found' });
    await page.getByRole('combobox', { name: 'Agent' }).selectOption({ label: 'Sari Wulandari' });
    await page.getByRole('combobox', { name: 'Disposition' }).selectOption({ label: 'Complaint logged' });
    const wanted = table.getByRole('row').filter({ hasText: s.wanted });
    await expect(wanted).toBeVisible();
    await expect(table.getByRole('row').filter({ hasText: s.otherDisposition })).toHaveCount(0);
    await expect(table.getByRole('row').filter({ hasText: s.otherAgent })).toHaveCount(0);
    await wanted.getByRole('button', { name: `Open ${s.wanted}` }).click();
    const review = page.getByRole('region', { name: `Review: ${s.wanted}` });
    const seek = review.getByRole('slider', { name: 'Position in the recording' });
    await expect(seek).toBeEnabled();
    await seek.fill('42');
    await expect.poll(() => review.getByLabel('Call recording').evaluate((el: HTMLAudioElement) => el.currentTime)).toBeCloseTo(42, 0);

    // Score it: the fatal item failed needs a comment, the score is 0 live and from the server.
    await review.getByRole('button', { name: 'Score this interaction' }).click();
    const scoring = review.getByRole('region', { name: 'Score this interaction' });
    await scoring.getByRole('combobox', { name: 'Form version' }).selectOption({ label: `${formName} · v1` });
    await scoring.getByRole('group', { name: 'Greeting' }).getByRole('radio', { name: 'Yes' }).check();
    await expect(scoring.getByRole('status', { name: 'Score so far' })).toContainText('100.0');
    await scoring.getByRole('group', { name: 'Compliance' }).getByRole('radio', { name: 'No' }).check();
    await expect(scoring.getByRole('status', { name: 'Score so far' })).toContainText('0.0');
    await expect(scoring.getByRole('status', { name: 'Score so far' })).toContainText('A fatal item failed');
    const save = scoring.getByRole('button', { name: 'Save evaluation' });
    await expect(save).toBeDisabled();
    await scoring.getByLabel('Comment on the failed item: Disclosure').fill('Tidak menyampaikan pengungkapan biaya');
    await scoring.getByLabel('Comment at this moment').fill(`Di sini biaya tidak disebut ${s.tag}`);
    await scoring.getByRole('button', { name: 'Pin comment at 0:42' }).click();
    await expect(scoring.getByRole('list', { name: 'Pinned comments' })).toContainText(`0:42 — Di sini biaya tidak disebut ${s.tag}`);
    expect(await cutLabels(page)).toEqual([]);
    await save.click();
    await expect(review.getByRole('status', { name: 'Evaluation saved' })).toContainText("Saved. The server's score: 0.0");

    // The used version is locked: no edit, only a new version.
    await lead.getByRole('link', { name: 'Quality' }).click();
    await expect(v1).toContainText('Locked (used)');
    await expect(v1.getByRole('button', { name: `Edit ${formName} v1` })).toHaveCount(0);
    await v1.getByRole('button', { name: `New version of ${formName}` }).click();
    await page.getByRole('region', { name: 'New version' }).getByRole('button', { name: 'Publish version' }).click();
    const v2 = forms.getByRole('row').filter({ hasText: formName }).filter({ hasText: 'v2' });
    await expect(v2).toContainText('Not used yet');
    await expect(forms.getByRole('row').filter({ hasText: formName }).filter({ hasText: 'v1' })).toContainText('Locked (used)');
    // lead1 scored it: their own evaluation is not theirs to re-score.
    await expect(page.getByRole('region', { name: 'Open disputes' }).getByRole('row').filter({ hasText: 'Sari Wulandari' })).toHaveCount(0);

    // The agent: sees the score and the pinned comment, acknowledges the other, disputes this one.
    await signOut(page);
    await new LoginPage(page).signIn(DEMO.agent.username, DEMO.agent.password);
    await shell.nav().getByRole('link', { name: 'My evaluations' }).click();
    const cards = page.getByRole('region', { name: 'My evaluations' }).getByRole('article').filter({ hasText: formName });
    await expect(cards).toHaveCount(2);
    const fatal = cards.filter({ hasText: 'Score: 0.0' });
    const good = cards.filter({ hasText: 'Score: 100.0' });
    await expect(fatal.getByRole('list', { name: 'Pinned comments' })).toContainText(`0:42 — Di sini biaya tidak disebut ${s.tag}`);
    await expect(fatal).toContainText('Tidak menyampaikan pengungkapan biaya');
    await expect(fatal).toContainText('New');
    await good.getByRole('button', { name: 'Acknowledge' }).click();
    await expect(good).toContainText('Acknowledged');
    await expect(good.getByRole('button', { name: 'Acknowledge' })).toHaveCount(0);
    await fatal.getByRole('button', { name: 'Dispute' }).click();
    await fatal.getByLabel('Why do you dispute this evaluation?').fill(`Biaya sudah disebut di awal ${s.tag}`);
    await fatal.getByRole('button', { name: 'Send dispute' }).click();
    await expect(fatal).toContainText('Disputed');
    await expect(fatal.getByRole('button', { name: 'Dispute' })).toHaveCount(0);
    expect(await cutLabels(page)).toEqual([]);

    // An admin re-scores: the original 0.0 is kept beside the re-score.
    await signOut(page);
    await new LoginPage(page).signIn(DEMO.admin.username, DEMO.admin.password);
    await shell.nav().getByRole('link', { name: 'Quality' }).click();
    const disputes = page.getByRole('region', { name: 'Open disputes' });
    const row = disputes.getByRole('row').filter({ hasText: `Biaya sudah disebut di awal ${s.tag}` });
    await row.getByRole('button', { name: 'Re-score the evaluation of Sari Wulandari' }).click();
    const rescore = page.getByRole('region', { name: 'Re-score the evaluation of Sari Wulandari' });
    await expect(rescore).toContainText('Original score 0.0 by Dewi Lestari (kept)');
    await rescore.getByRole('group', { name: 'Greeting' }).getByRole('radio', { name: 'Yes' }).check();
    await rescore.getByRole('group', { name: 'Compliance' }).getByRole('radio', { name: 'Yes' }).check();
    await rescore.getByRole('button', { name: 'Save evaluation' }).click();
    const both = rescore.getByRole('status', { name: 'Both scores' });
    await expect(both).toContainText('Original score 0.0 by Dewi Lestari (kept)');
    await expect(both).toContainText('Re-score 100.0');

    // The agent sees both: the original still 0.0, re-scored 100.0.
    await signOut(page);
    await new LoginPage(page).signIn(DEMO.agent.username, DEMO.agent.password);
    await shell.nav().getByRole('link', { name: 'My evaluations' }).click();
    await expect(fatal).toContainText('Re-scored: 100.0');
    await expect(fatal).toContainText('Score: 0.0');
  } finally {
    await s.restore();
  }
});

test.describe('in Bahasa Indonesia', () => {
  test.use({ locale: 'id-ID' });

  test('scoring, forms and My evaluations speak Indonesian and fit 1366×768', async ({ page, desktop }) => {
    test.setTimeout(120_000);
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(desktop.url);
    const s = await teamWithCalls(page);
    const formName = `Mutu panggilan ${s.tag}`;
    try {
      await new LoginPage(page).signIn(LEAD.username, LEAD.password, 'id');
      const shell = new Shell(page);
      await shell.nav().getByRole('link', { name: 'Kualitas' }).click();
      const forms = page.getByRole('region', { name: 'Formulir kualitas' });
      await forms.getByRole('button', { name: 'Formulir baru' }).click();
      const editor = page.getByRole('region', { name: 'Formulir baru' });
      await editor.getByLabel('Nama (Indonesia)').fill(formName);
      await editor.getByLabel('Nama (Inggris)').fill(formName);
      await expect(editor.getByLabel('Definisi formulir (JSON)')).toBeVisible();
      expect(await cutLabels(page)).toEqual([]);
      await editor.getByRole('button', { name: 'Terbitkan versi' }).click();
      await expect(forms.getByRole('row').filter({ hasText: formName })).toContainText('Belum dipakai');
      await expect(page.getByRole('region', { name: 'Sanggahan terbuka' })).toBeVisible();

      await shell.nav().getByRole('link', { name: 'Interaksi' }).click();
      const table = page.getByRole('table', { name: 'Interaksi yang ditemukan' });
      await page.getByRole('combobox', { name: 'Agen' }).selectOption({ label: 'Sari Wulandari' });
      await page.getByRole('combobox', { name: 'Disposisi' }).selectOption({ label: 'Keluhan dicatat' });
      await table.getByRole('row').filter({ hasText: s.wanted }).getByRole('button', { name: `Buka ${s.wanted}` }).click();
      const review = page.getByRole('region', { name: `Tinjau: ${s.wanted}` });
      await review.getByRole('button', { name: 'Nilai interaksi ini' }).click();
      const scoring = review.getByRole('region', { name: 'Nilai interaksi ini' });
      await scoring.getByRole('combobox', { name: 'Versi formulir' }).selectOption({ label: `${formName} · v1` });
      await scoring.getByRole('group', { name: 'Salam' }).getByRole('radio', { name: 'Ya' }).check();
      await scoring.getByRole('group', { name: 'Kepatuhan' }).getByRole('radio', { name: 'Tidak' }).check();
      await expect(scoring.getByRole('status', { name: 'Skor sementara' })).toContainText('Butir fatal gagal');
      await expect(scoring.getByLabel('Komentar untuk butir yang gagal: Pengungkapan')).toBeVisible();
      await expect(scoring.getByRole('button', { name: 'Sematkan komentar di 0:00' })).toBeVisible();
      expect(await cutLabels(page)).toEqual([]);

      // The unsaved evaluation is a draft: after a reload it is still there.
      await page.reload();
      await shell.nav().getByRole('link', { name: 'Interaksi' }).click();
      await page.getByRole('combobox', { name: 'Agen' }).selectOption({ label: 'Sari Wulandari' });
      await table.getByRole('row').filter({ hasText: s.wanted }).getByRole('button', { name: `Buka ${s.wanted}` }).click();
      await review.getByRole('button', { name: 'Nilai interaksi ini' }).click();
      await scoring.getByRole('combobox', { name: 'Versi formulir' }).selectOption({ label: `${formName} · v1` });
      await expect(scoring.getByRole('group', { name: 'Kepatuhan' }).getByRole('radio', { name: 'Tidak' })).toBeChecked();
      await scoring.getByLabel('Komentar untuk butir yang gagal: Pengungkapan').fill('Tidak disebut');
      await scoring.getByRole('button', { name: 'Simpan evaluasi' }).click();
      await expect(review.getByRole('status', { name: 'Evaluasi tersimpan' })).toContainText('Skor dari server: 0.0');

      await page.getByRole('button', { name: 'Keluar' }).click();
      await new LoginPage(page).signIn(DEMO.agent.username, DEMO.agent.password, 'id');
      await shell.nav().getByRole('link', { name: 'Evaluasi saya' }).click();
      const card = page.getByRole('region', { name: 'Evaluasi saya' }).getByRole('article').filter({ hasText: formName });
      await expect(card).toContainText('Skor: 0.0');
      await expect(card).toContainText('Baru');
      await expect(card.getByRole('button', { name: 'Konfirmasi' })).toBeVisible();
      await expect(card.getByRole('button', { name: 'Sanggah' })).toBeVisible();
      expect(await cutLabels(page)).toEqual([]);
    } finally {
      await s.restore();
    }
  });
});
