// A lead's evaluation draft survives a desktop crash and a server that is away: a core in
// its own process saves the draft and is killed with SIGKILL; a new core on the same data
// folder, with no server to reach, reads the draft back and takes Save into the outbox (the
// draft stays, marked queued, after another kill); a third core with the server back sends
// it, once: the server scores it like the route does, and the draft is gone. Bad drafts and
// another evaluator's draft are refused or not seen.
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, expect, it } from 'vitest';
import { type FormVersion } from '../../../src/shared/quality/evaluation.js';
import { type DraftAnswer } from '../../../src/shared/quality/draft.js';
import { DEMO_USERS } from '../../../src/server/seed/users.js';
import { spawnCore, type CoreProcess } from '../../faults/processes.js';
import { forEachDatabase } from '../helpers/databases.js';
import { addCall, sampleDefinition } from '../helpers/quality.js';
import { useTestServer } from '../helpers/server.js';
import { waitFor } from '../sync/harness.js';

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => { for (const f of cleanup.splice(0).reverse()) await f(); });
const LEAD1 = DEMO_USERS.find((u) => u.username === 'lead1')?.id ?? '';
const AGENT1 = DEMO_USERS.find((u) => u.username === 'agent1');
/** Nothing listens here: a desktop whose server is away. */
const NO_SERVER = 'http://127.0.0.1:9';

function dataDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sapa-evaluation-draft-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function startCore(dir: string, urls: string[]): Promise<CoreProcess> {
  const core = await spawnCore(dir, urls);
  cleanup.push(() => core.kill());
  return core;
}

forEachDatabase('evaluation draft across a crash', (engine) => {
  const s = useTestServer(engine, { seedDemo: { customers: 3, interactionsMean: 0, seed: 4 } });
  let version: FormVersion;
  let interactionId = '';

  beforeAll(async () => {
    const db = s.current.server.db;
    await db.query('INSERT INTO teams (id, name, lead_user_id) VALUES ($1, $2, $3)', [randomUUID(), 'Tim Mutu', LEAD1]);
    await db.query('UPDATE users SET team_id = (SELECT id FROM teams WHERE lead_user_id = $1 LIMIT 1) WHERE id = $2', [LEAD1, AGENT1?.id ?? null]);
    const admin = await s.current.login('admin1', 'admin1-pass');
    const created = await s.current.api('/quality/forms', {
      method: 'POST', token: admin, body: JSON.stringify({ name: { id: 'Mutu', en: 'Quality' }, definition: sampleDefinition() }),
    });
    expect(created.status, created.text).toBe(201);
    version = created.body as FormVersion;
    interactionId = await addCall(db, { id: AGENT1?.id ?? '', token: '', name: AGENT1?.displayName ?? '' });
  });

  it('kill -9 with a draft, offline Save, kill -9 again: the draft is back each time and the evaluation reaches the server once', async () => {
    const dir = dataDir();
    const key = { interactionId, formVersionId: version.id };
    const answers = {
      hello: { value: 'yes' }, verify: { value: 'yes' }, disclosure: { value: 'no', comment: 'Tidak menyebut biaya' },
      empathy: { value: 4 }, closing: { value: 'full' },
    };
    const pins = [{ offsetMs: 42_000, body: 'Di sini biaya tidak disebut' }];

    let core = await startCore(dir, [s.current.server.url]);
    await core.call('auth.login', { username: 'lead1', password: 'lead1-pass' });
    expect(await core.call<DraftAnswer>('quality.drafts.read', key)).toEqual({ draft: null, queued: false });
    await core.call('quality.drafts.save', { ...key, answers: { hello: { value: 'yes' } }, pins: [] });
    await core.call('quality.drafts.save', { ...key, answers, pins });
    // Refused at the boundary: a pin with no text, an unknown field, a huge comment.
    await expect(core.call('quality.drafts.save', { ...key, answers, pins: [{ offsetMs: 1, body: ' ' }] })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(core.call('quality.drafts.save', { ...key, answers, pins, score: 100 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await expect(core.call('quality.drafts.save', { ...key, answers: { hello: { value: 'yes', comment: 'x'.repeat(5000) } }, pins }))
      .rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await core.kill();

    // The server is away; the session kept in the cache still names the lead.
    core = await startCore(dir, [NO_SERVER]);
    expect(await core.call<DraftAnswer>('quality.drafts.read', key)).toMatchObject({ draft: { answers, pins }, queued: false });
    const submitted = await core.call<{ evaluation: unknown; queued: boolean }>('quality.drafts.submit', {
      ...key, answers: [
        { itemId: 'hello', value: 'yes' }, { itemId: 'verify', value: 'yes' }, { itemId: 'disclosure', value: 'no', comment: 'Tidak menyebut biaya' },
        { itemId: 'empathy', value: 4 }, { itemId: 'closing', value: 'full' },
      ], comments: pins,
    });
    expect(submitted).toEqual({ evaluation: null, queued: true });
    expect((await core.call<{ pending: number }>('sync.status', {})).pending).toBe(1);
    await core.kill();

    // Back online after another crash: still queued until the push lands, then sent once.
    core = await startCore(dir, [s.current.server.url]);
    const rows = await waitFor('the evaluation on the server', async () => {
      await core.call('sync.now', {}).catch(() => undefined);
      const found = await s.current.server.db.query<{ score: number; evaluator_id: string; comments: number }>(
        `SELECT score::float AS score, evaluator_id::text AS evaluator_id,
                (SELECT count(*)::int FROM quality_comments c WHERE c.evaluation_id = e.id) AS comments
           FROM quality_evaluations e WHERE interaction_id = $1`, [interactionId]);
      return found.length > 0 ? found : false;
    }, 30_000, 200);
    expect(rows).toEqual([{ score: 0, evaluator_id: LEAD1, comments: 1 }]);
    await waitFor('the draft gone', async () => {
      await core.call('sync.now', {}).catch(() => undefined);
      return (await core.call<DraftAnswer>('quality.drafts.read', key)).draft === null;
    }, 30_000, 200);
    await core.call('sync.now', {});
    const [count] = await s.current.server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM quality_evaluations WHERE interaction_id = $1', [interactionId]);
    expect(count?.n).toBe(1);

    // Another evaluator on this desktop does not see a draft that is not theirs.
    await core.call('quality.drafts.save', { ...key, answers: { hello: { value: 'no' } }, pins: [] });
    await core.call('auth.logout', {});
    await core.call('auth.login', { username: 'admin1', password: 'admin1-pass' });
    expect(await core.call<DraftAnswer>('quality.drafts.read', key)).toEqual({ draft: null, queued: false });
  });
});
