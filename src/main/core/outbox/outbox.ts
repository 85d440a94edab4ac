// The outbox: every agent write is a mutation stored here in the SAME SQLite transaction
// as its optimistic local effect, so a crash leaves both or neither. The sync client pushes
// pending rows in order; the server answers each with the version that contains its
// effect; a row is deleted only when a pull has reached that version (dropConfirmed runs
// inside the pull's transaction). Rows belong to their author: they are pushed only under
// that author's session, and signing out or an expired session never deletes them.
import { randomUUID } from 'node:crypto';
import { SapaError, describeZodIssues } from '../../../shared/errors.js';
import { type SessionUser } from '../../../shared/http.js';
import {
  MUTATIONS, isMutationName, type MutationArgs, type MutationInput, type MutationName,
} from '../../../shared/mutations.js';
import { type Mutation, type PushResult } from '../../../shared/sync.js';
import { type CacheDb } from '../cache/open-cache.js';
import { LOCAL_EFFECTS } from './effects.js';
import { isServerOnly, type LocalEffect } from './local-effects.js';

/** A stored mutation's name and args, validated again (a row may predate a schema change). */
function stored(name: string, rawArgs: string): { effect: LocalEffect<MutationName>; args: MutationArgs<MutationName> } | null {
  if (!isMutationName(name)) return null;
  const entry = LOCAL_EFFECTS[name] as LocalEffect<MutationName> | typeof LOCAL_EFFECTS['call.details'];
  if (isServerOnly(entry)) return null;
  const parsed = MUTATIONS[name].safeParse(JSON.parse(rawArgs));
  return parsed.success ? { effect: entry, args: parsed.data as MutationArgs<MutationName> } : null;
}

/** A refusal is stored as "CODE: message" (recordResults). */
function splitReason(lastError: string | null): { code: string; message: string } {
  const m = /^([A-Z_]+): ?([\s\S]*)$/.exec(lastError ?? '');
  return m ? { code: m[1]!, message: m[2]! } : { code: 'REJECTED', message: lastError ?? '' };
}

export interface MutateOptions {
  /** Versions of the rows the edit was based on, e.g. { customer: 42 } (informative). */
  baseVersions?: Record<string, number>;
  /** Overrides the registered local effect (runs in the same transaction). */
  applyLocally?: (db: CacheDb) => void;
  /** The clock to stamp createdAt with (tests skew it). */
  now?: () => number;
}

export interface OutboxEntry {
  seq: number; id: string; name: string; authorId: string; createdAt: string;
  state: 'pending' | 'acked' | 'rejected'; ackVersion: number | null; attempts: number; lastError: string | null;
}

/** A mutation the server refused for good: kept (reverted locally) until its author fixes or discards it. */
export interface RefusedEntry {
  id: string; name: string; args: unknown; baseVersions: Record<string, number>; createdAt: string;
  reason: { code: string; message: string };
}

export interface Outbox {
  readonly clientId: string;
  /** Validates args, runs the local effect and stores the mutation, in one transaction. */
  mutate<N extends MutationName>(name: N, args: MutationInput<N>, author: SessionUser, options?: MutateOptions): { id: string };
  /** Mutations not yet acknowledged (pending) — what the UI shows as "N changes waiting". */
  pendingCount(): number;
  /** The oldest pending mutations of one author, in the order they were made. */
  nextBatch(authorId: string, limit: number): Mutation[];
  /** Authors that still have pending mutations. */
  pendingAuthors(): string[];
  /** Records the server's answers; rejected mutations are reverted locally. */
  recordResults(results: readonly PushResult[]): void;
  /** Counts a failed push attempt (network…) against the batch. */
  recordAttempt(ids: readonly string[], error: string): void;
  /** Deletes acked entries whose effect a pull up to `cursor` has brought back. */
  dropConfirmed(cursor: number): number;
  entries(limit: number): OutboxEntry[];
  /** The author's refused mutations, oldest first (see docs/decisions/0011-poison-mutations.md). */
  refused(authorId: string): RefusedEntry[];
  refusedCount(authorId: string | null): number;
  /** Drops one of the author's refused mutations (its local effect was undone when it was refused). */
  discardRefused(id: string, authorId: string): boolean;
  /** Replaces a refused mutation by a new one with `args` (validated, applied locally), in one transaction. */
  requeueRefused(id: string, args: unknown, author: SessionUser): { id: string };
}

export function createOutbox(db: CacheDb): Outbox {
  const existing = db.prepare<[], { client_id: string }>('SELECT client_id FROM sync_client WHERE id = 1').get();
  const clientId = existing?.client_id ?? randomUUID();
  if (!existing) db.prepare('INSERT INTO sync_client (id, client_id) VALUES (1, ?)').run(clientId);

  const insert = db.prepare(
    `INSERT INTO outbox (id, name, args, base_versions, author_id, created_at) VALUES (?, ?, ?, ?, ?, ?)`);
  const countPending = db.prepare<[], { n: number }>("SELECT count(*) AS n FROM outbox WHERE state = 'pending'");
  const batch = db.prepare<[string, number], { id: string; name: string; args: string; base_versions: string; created_at: string }>(
    "SELECT id, name, args, base_versions, created_at FROM outbox WHERE state = 'pending' AND author_id = ? ORDER BY seq LIMIT ?");
  const authors = db.prepare<[], { author_id: string }>(
    "SELECT DISTINCT author_id FROM outbox WHERE state = 'pending'");
  const byId = db.prepare<[string], { name: string; args: string; state: string }>(
    'SELECT name, args, state FROM outbox WHERE id = ?');
  const ack = db.prepare("UPDATE outbox SET state = 'acked', ack_version = ?, last_error = NULL WHERE id = ? AND state = 'pending'");
  const reject = db.prepare("UPDATE outbox SET state = 'rejected', last_error = ? WHERE id = ? AND state = 'pending'");
  const attempt = db.prepare('UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?');
  const conflict = db.prepare(
    `INSERT INTO sync_conflicts (mutation_id, entity, entity_id, field, your_value, server_value, at)
     VALUES (?, ?, ?, ?, ?, ?, ?)`);
  const hasConflicts = db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM sync_conflicts WHERE mutation_id = ?');
  const drop = db.prepare("DELETE FROM outbox WHERE state = 'acked' AND ack_version <= ?");
  const refusedRows = db.prepare<[string], { id: string; name: string; args: string; base_versions: string; created_at: string; last_error: string | null }>(
    "SELECT id, name, args, base_versions, created_at, last_error FROM outbox WHERE state = 'rejected' AND author_id = ? ORDER BY seq");
  const countRefused = db.prepare<[string], { n: number }>("SELECT count(*) AS n FROM outbox WHERE state = 'rejected' AND author_id = ?");
  const refusedById = db.prepare<[string, string], { name: string; base_versions: string }>(
    "SELECT name, base_versions FROM outbox WHERE state = 'rejected' AND id = ? AND author_id = ?");
  const dropRefused = db.prepare("DELETE FROM outbox WHERE state = 'rejected' AND id = ? AND author_id = ?");
  const list = db.prepare<[number], {
    seq: number; id: string; name: string; author_id: string; created_at: string; state: OutboxEntry['state'];
    ack_version: number | null; attempts: number; last_error: string | null;
  }>('SELECT seq, id, name, author_id, created_at, state, ack_version, attempts, last_error FROM outbox ORDER BY seq DESC LIMIT ?');

  // The name is checked at run time too: stored rows and tests reach here untyped.
  const mutateTx = db.transaction((name: string, args: unknown, author: SessionUser, options: MutateOptions): { id: string } => {
    if (!isMutationName(name)) throw new SapaError('INVALID_INPUT', `Unknown mutation "${name}"`);
    const parsed = MUTATIONS[name].safeParse(args);
    if (!parsed.success) {
      throw new SapaError('INVALID_INPUT', `Invalid args for ${name}`, { issues: describeZodIssues(parsed.error) });
    }
    const local = LOCAL_EFFECTS[name] as LocalEffect<MutationName> | typeof LOCAL_EFFECTS['call.details'];
    if (options.applyLocally) options.applyLocally(db);
    else if (!isServerOnly(local)) local.applyLocally?.(db, parsed.data as MutationArgs<MutationName>, author);
    const id = randomUUID();
    const createdAt = new Date((options.now ?? Date.now)()).toISOString();
    insert.run(id, name, JSON.stringify(parsed.data), JSON.stringify(options.baseVersions ?? {}), author.id, createdAt);
    return { id };
  });

  const recordTx = db.transaction((results: readonly PushResult[]) => {
    const at = new Date().toISOString();
    for (const r of results) {
      const row = byId.get(r.id);
      if (!row || row.state !== 'pending') continue;
      if (r.status === 'rejected') {
        reject.run(`${r.error?.code ?? 'REJECTED'}: ${r.error?.message ?? ''}`, r.id);
        const s = stored(row.name, row.args);
        s?.effect.revert?.(db, s.args);
        continue;
      }
      ack.run(r.version, r.id);
      const s = stored(row.name, row.args);
      s?.effect.onAcked?.(db, s.args);
      // A duplicate answer repeats the first one's conflicts: store them once.
      if ((hasConflicts.get(r.id)?.n ?? 0) > 0) continue;
      if (r.conflicts.length > 0) s?.effect.onConflicts?.(db, s.args, r.conflicts);
      for (const c of r.conflicts) {
        conflict.run(r.id, c.entity, c.entityId, c.field, JSON.stringify(c.yourValue ?? null), JSON.stringify(c.serverValue ?? null), at);
      }
    }
  });

  // The fixed mutation goes to the end of the queue under a new id (the server may already
  // hold the old id's refusal); the refused one leaves in the same transaction.
  const requeueTx = db.transaction((id: string, args: unknown, author: SessionUser): { id: string } => {
    const row = refusedById.get(id, author.id);
    if (!row) throw new SapaError('NOT_FOUND', `No refused change ${id}`);
    const result = mutateTx(row.name, args, author, { baseVersions: JSON.parse(row.base_versions) as Record<string, number> });
    dropRefused.run(id, author.id);
    return result;
  });

  return {
    clientId,
    mutate: (name, args, author, options = {}) => mutateTx(name, args, author, options),
    pendingCount: () => countPending.get()?.n ?? 0,
    nextBatch(authorId, limit) {
      return batch.all(authorId, limit).map((r) => ({
        id: r.id, name: r.name, args: JSON.parse(r.args) as unknown,
        baseVersions: JSON.parse(r.base_versions) as Record<string, number>, createdAt: r.created_at,
      }));
    },
    pendingAuthors: () => authors.all().map((r) => r.author_id),
    recordResults: (results) => recordTx(results),
    recordAttempt(ids, error) {
      db.transaction(() => { for (const id of ids) attempt.run(error.slice(0, 500), id); })();
    },
    dropConfirmed: (cursor) => drop.run(cursor).changes,
    entries: (limit) => list.all(limit).map((r) => ({
      seq: r.seq, id: r.id, name: r.name, authorId: r.author_id, createdAt: r.created_at, state: r.state,
      ackVersion: r.ack_version, attempts: r.attempts, lastError: r.last_error,
    })),
    refused: (authorId) => refusedRows.all(authorId).map((r) => ({
      id: r.id, name: r.name, args: JSON.parse(r.args) as unknown,
      baseVersions: JSON.parse(r.base_versions) as Record<string, number>, createdAt: r.created_at,
      reason: splitReason(r.last_error),
    })),
    refusedCount: (authorId) => (authorId ? countRefused.get(authorId)?.n ?? 0 : 0),
    discardRefused: (id, authorId) => dropRefused.run(id, authorId).changes > 0,
    requeueRefused: (id, args, author) => requeueTx(id, args, author),
  };
}
