// The fleet's writes: agents' notes, wrap-ups (a contact written after a call) and case
// changes (an internal note or a move between open and in progress), pushed through the
// real `sync.push` endpoint by one writer user per branch, at a set rate spread over the
// branches. Each write is recorded (its watched row id: the note, the contact or the
// case's timeline event) before it is sent, so a desktop that receives the row can be timed.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import { rng } from '../stats.js';
import { FLEET_PASSWORD, writerName } from './seed.js';

const API = '/api/v1';
const now = (): number => performance.timeOrigin + performance.now();

export type WriteKind = 'note' | 'wrapUp' | 'wrapUpNewContact' | 'caseNote' | 'caseStatus';

export interface WriteRecord {
  rowId: string;
  kind: WriteKind;
  customerId: string;
  branch: number;
  /** Epoch ms the push was sent, and its answer came back. */
  sentAt: number;
  answeredAt: number;
  ok: boolean;
  /** What the push answered when not `applied`: the result's status and error code, or the HTTP status / `network`. */
  outcome?: string;
  /** Desktops whose scope holds the row once written (oracle.ts), filled in after the answer. */
  holders: number[] | null;
}

interface Pools {
  /** Per branch: customers with a contact in the last 30 days (in the branch's working set). */
  active: string[][];
  /** Per branch: every customer. */
  all: string[][];
  /** Per branch: open or in-progress cases, with the status the writer last set. */
  cases: { id: string; status: 'open' | 'in_progress' }[][];
}

async function loadPools(client: pg.Client, branches: number): Promise<Pools> {
  const pools: Pools = { active: [], all: [], cases: [] };
  for (let b = 0; b < branches; b += 1) { pools.active.push([]); pools.all.push([]); pools.cases.push([]); }
  const branchOf = (name: string) => Number(name.slice('Cabang '.length)) - 1;
  const customers = await client.query<{ id: string; branch: string; active: boolean }>(
    `SELECT c.id, c.branch, EXISTS (SELECT 1 FROM interactions i WHERE i.customer_id = c.id AND i.started_at > now() - interval '29 days') AS active
       FROM customers c WHERE c.branch LIKE 'Cabang %'`);
  for (const c of customers.rows) {
    const b = branchOf(c.branch);
    pools.all[b]?.push(c.id);
    if (c.active) pools.active[b]?.push(c.id);
  }
  const cases = await client.query<{ id: string; branch: string; status: 'open' | 'in_progress' }>(
    `SELECT k.id, c.branch, k.status FROM cases k JOIN customers c ON c.id = k.customer_id
      WHERE k.status IN ('open', 'in_progress') AND c.branch LIKE 'Cabang %'`);
  for (const k of cases.rows) pools.cases[branchOf(k.branch)]?.push({ id: k.id, status: k.status });
  return pools;
}

export interface Writer {
  /** Writes at `ratePerSecond` for `seconds`, on schedule; calls `sending` before each push and `written` as its answer comes. */
  run(seconds: number, ratePerSecond: number, sending: (w: WriteRecord) => void, written: (w: WriteRecord) => void): Promise<WriteRecord[]>;
}

export async function createWriter(url: string, client: pg.Client, branches: number): Promise<Writer> {
  const pools = await loadPools(client, branches);
  const tokens: string[] = [];
  for (let b = 0; b < branches; b += 1) {
    const res = await fetch(`${url}${API}/auth/login`, {
      method: 'POST', headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: writerName(b), password: FLEET_PASSWORD }),
    });
    if (!res.ok) throw new Error(`writer login: ${res.status} ${await res.text()}`);
    tokens.push(((await res.json()) as { token: string }).token);
  }
  const clientIds = tokens.map(() => randomUUID());
  const random = rng(16);
  const pick = <T>(xs: T[]): T | undefined => xs[Math.floor(random() * xs.length)];

  /** One write: the mutation to push and the record to time it by. */
  function next(branch: number): { record: WriteRecord; mutation: Record<string, unknown> } | null {
    const at = new Date().toISOString();
    const r = random();
    const base = { branch, sentAt: 0, answeredAt: 0, ok: false, holders: null };
    const mutation = (name: string, args: Record<string, unknown>) => ({ id: randomUUID(), name, baseVersions: {}, createdAt: at, args });
    const kase = r >= 0.8 ? pick(pools.cases[branch] ?? []) : undefined;
    if (kase) {
      const eventId = randomUUID();
      if (r < 0.9) {
        return { record: { ...base, rowId: eventId, kind: 'caseNote', customerId: '' },
          mutation: mutation('case.note', { caseId: kase.id, eventId, body: 'Catatan internal dari simulasi armada', at }) };
      }
      const to = kase.status === 'open' ? 'in_progress' : 'open';
      const m = mutation('case.setStatus', { caseId: kase.id, eventId, from: kase.status, to, note: '', at });
      kase.status = to;
      return { record: { ...base, rowId: eventId, kind: 'caseStatus', customerId: '' }, mutation: m };
    }
    const fresh = r >= 0.7 && r < 0.8;
    const customerId = pick((fresh ? pools.all : pools.active)[branch] ?? []);
    if (!customerId) return null;
    const id = randomUUID();
    if (r < 0.4) {
      return { record: { ...base, rowId: id, kind: 'note', customerId },
        mutation: mutation('note.create', { id, customerId, body: 'Pelanggan minta dihubungi kembali besok pagi', createdAt: at }) };
    }
    return { record: { ...base, rowId: id, kind: fresh ? 'wrapUpNewContact' : 'wrapUp', customerId },
      mutation: mutation('interaction.create', {
        id, customerId, channel: 'call_in', direction: 'inbound', startedAt: new Date(Date.now() - 240_000).toISOString(), endedAt: at,
        subject: 'Pertanyaan tagihan', body: 'Dijelaskan rincian tagihan bulan ini', disposition: 'resolved', durationSec: 240,
      }) };
  }

  async function push(branch: number, record: WriteRecord, mutation: Record<string, unknown>): Promise<void> {
    record.sentAt = now();
    try {
      const res = await fetch(`${url}${API}/sync/push`, {
        method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens[branch]!}` },
        body: JSON.stringify({ clientId: clientIds[branch], mutations: [mutation] }),
      });
      const body = (await res.json()) as { results?: { status: string; error?: { code?: string } }[] };
      const result = body.results?.[0];
      record.ok = res.ok && result?.status === 'applied';
      if (!record.ok) record.outcome = result ? `${result.status}${result.error?.code ? ` ${result.error.code}` : ''}` : `HTTP ${res.status}`;
    } catch {
      record.ok = false;
      record.outcome = 'network';
    }
    record.answeredAt = now();
  }

  return {
    async run(seconds, ratePerSecond, sending, written) {
      const records: WriteRecord[] = [];
      const pending: Promise<void>[] = [];
      const count = Math.round(seconds * ratePerSecond);
      const t0 = performance.now();
      for (let i = 0; i < count; i += 1) {
        const wait = t0 + (i * 1000) / ratePerSecond - performance.now();
        if (wait > 1) await new Promise((res) => setTimeout(res, wait));
        const branch = Math.floor(random() * branches);
        const w = next(branch);
        if (!w) continue;
        records.push(w.record);
        sending(w.record);
        pending.push(push(branch, w.record, w.mutation).then(() => written(w.record)));
      }
      await Promise.all(pending);
      return records;
    },
  };
}
