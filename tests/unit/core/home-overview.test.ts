// home.overview against a real cache filled through the pull path: only the signed-in
// agent's work, call-backs due by the end of today (overdue first), open cases by SLA,
// recent customers newest first.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CacheStore } from '../../../src/main/core/cache/cache-store.js';
import { openCacheStore } from '../../../src/main/core/cache-tables.js';
import { type CoreContext } from '../../../src/main/core/context.js';
import { homeHandlers } from '../../../src/main/core/handlers/home.js';
import { type Callback } from '../../../src/shared/domain.js';
import { batch, complaintCase, customer, interaction } from './fixtures.js';
import { desktopKeyFor } from '../../support/desktop-key.js';

const me = randomUUID();
const someoneElse = randomUUID();
const now = new Date(2026, 11, 1, 10, 0);
const minutes = (m: number) => new Date(now.getTime() + m * 60_000).toISOString();

function callback(customerId: string, dueAt: string, overrides: Partial<Callback> = {}): Callback {
  return {
    id: randomUUID(), customerId, phoneE164: null, dueAt, note: null, assigneeId: me, status: 'open', createdBy: me,
    createdAt: minutes(-24 * 60), version: 1, ...overrides,
  };
}

let dir: string;
let store: CacheStore;
let ctx: CoreContext;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sapa-home-'));
  store = openCacheStore(dir, desktopKeyFor(dir));
  // The handler reads the session, the cache and the clock only.
  ctx = {
    store, options: { clock: () => now.getTime() },
    requireSession: () => ({ token: 't', user: { id: me, username: 'agent1', displayName: 'Agen', role: 'agent' } }),
  } as unknown as CoreContext;
});
afterEach(async () => {
  store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('home.overview', () => {
  it('lists my call-backs due today overdue first, my open cases by SLA, my recent customers', async () => {
    const a = customer({ fullName: 'Ani' });
    const b = customer({ fullName: 'Bayu' });
    const c = customer({ fullName: 'Cici' });
    store.apply.applyPull(batch({
      customers: [a, b, c],
      callbacks: [
        callback(a.id, minutes(60), { note: 'later today' }),
        callback(b.id, minutes(-30), { note: 'late' }),
        callback(c.id, minutes(24 * 60), { note: 'tomorrow' }),
        callback(c.id, minutes(-10), { note: 'done', status: 'done' }),
        callback(c.id, minutes(-20), { note: 'not mine', assigneeId: someoneElse }),
      ],
      cases: [
        complaintCase(a.id, minutes(-600), { caseNo: 'K-LATER', slaDueAt: minutes(300), assigneeId: me }),
        complaintCase(b.id, minutes(-600), { caseNo: 'K-SOON', slaDueAt: minutes(30), assigneeId: me, status: 'in_progress' }),
        complaintCase(c.id, minutes(-600), { caseNo: 'K-DONE', slaDueAt: minutes(30), assigneeId: me, status: 'resolved' }),
        complaintCase(c.id, minutes(-600), { caseNo: 'K-OTHER', slaDueAt: minutes(30), assigneeId: someoneElse }),
      ],
      interactions: [
        interaction(a.id, minutes(-120), { agentId: me }),
        interaction(b.id, minutes(-60), { agentId: me }),
        interaction(c.id, minutes(-5), { agentId: someoneElse }),
        interaction(a.id, minutes(-40 * 24 * 60), { agentId: me }),
      ],
    }), now.toISOString());

    const home = await homeHandlers['home.overview']({}, ctx);
    expect(home.callbacks.map((x) => [x.note, x.overdue, x.customerName])).toEqual([
      ['late', true, 'Bayu'], ['later today', false, 'Ani'],
    ]);
    expect(home.cases.map((x) => x.caseNo)).toEqual(['K-SOON', 'K-LATER']);
    expect(home.recentCustomers.map((x) => [x.fullName, x.lastContactAt])).toEqual([['Bayu', minutes(-60)], ['Ani', minutes(-120)]]);
  });

  it('refuses the floor to an agent, offline too', async () => {
    await expect(Promise.resolve().then(() => homeHandlers['floor.agents']({}, ctx))).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });
});
