// Push: applies a desktop's outbox batch, each mutation exactly once per (client, id).
//
// A batch runs in ONE write transaction (withWriteTransaction: global lock, so two servers
// handling a duplicated push are serialised and the second sees the first's
// applied_mutations rows; one commit per batch, not per mutation). For each mutation: look
// up (client, id) → if present, answer the stored result again; otherwise apply it under a
// savepoint, and record the answer and the version a pull must reach to contain the effect.
// The mutations and their applied_mutations rows commit together, or none do. A mutation the
// server refuses (bad args, unknown customer, a value or constraint the database refuses:
// refusal.ts) is rolled back to its savepoint and recorded as rejected, so it is answered,
// not retried forever, and the rest of the batch still lands.
import { SapaError } from '../../shared/errors.js';
import { type SessionUser } from '../../shared/http.js';
import { MUTATIONS, isMutationName, type MutationArgs, type MutationName } from '../../shared/mutations.js';
import { type ConflictRecord, type Mutation, type PushResult } from '../../shared/sync.js';
import { type Db } from '../db/db.js';
import { withWriteTransaction } from '../db/write-transaction.js';
import { SERVER_MUTATIONS } from './mutations/index.js';
import { type ServerMutation } from './mutations/types.js';
import { refusalOf } from './refusal.js';

export async function pushMutations(db: Db, user: SessionUser, clientId: string, mutations: readonly Mutation[]): Promise<PushResult[]> {
  return withWriteTransaction(db, async (tx) => {
    // One look-up for the whole batch instead of one per mutation.
    const seenRows = await tx.query<{ mutation_id: string; result: PushResult }>(
      'SELECT mutation_id::text AS mutation_id, result FROM applied_mutations WHERE client_id = $1 AND mutation_id = ANY($2::uuid[])',
      [clientId, mutations.map((m) => m.id)]);
    const seen = new Map(seenRows.map((r) => [r.mutation_id, r.result]));
    const results: PushResult[] = [];
    for (const m of mutations) {
      const earlier = seen.get(m.id);
      results.push(earlier
        ? { ...earlier, status: earlier.status === 'rejected' ? 'rejected' : 'duplicate' }
        : await pushOne(tx, user, clientId, m));
    }
    return results;
  });
}

async function pushOne(tx: Db, user: SessionUser, clientId: string, m: Mutation): Promise<PushResult> {
  const conflicts: ConflictRecord[] = [];
  let error: PushResult['error'] = null;
  await tx.query('SAVEPOINT mutation');
  try {
    if (!isMutationName(m.name)) throw new SapaError('INVALID_INPUT', `Unknown mutation "${m.name}"`);
    const parsed = MUTATIONS[m.name].safeParse(m.args);
    if (!parsed.success) {
      throw new SapaError('INVALID_INPUT', `Invalid args for ${m.name}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    }
    // One name picks both the schema and the handler, so the args fit the handler.
    const handler = SERVER_MUTATIONS[m.name] as ServerMutation<MutationName>;
    await handler.apply(tx, parsed.data as MutationArgs<MutationName>, {
      user, clientId, mutationId: m.id, baseVersions: m.baseVersions, createdAt: m.createdAt,
      conflict: (c) => conflicts.push(c),
    });
    await tx.query('RELEASE SAVEPOINT mutation');
  } catch (e) {
    // Only refusals are final (refusal.ts); anything else (database down…) fails the push
    // and is retried.
    const refusal = refusalOf(e);
    if (!refusal) throw e;
    await tx.query('ROLLBACK TO SAVEPOINT mutation');
    error = refusal;
    conflicts.length = 0;
  }
  for (const c of conflicts) {
    await tx.query(
      `INSERT INTO sync_conflicts (user_id, mutation_id, entity, entity_id, field, your_value, server_value)
       VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7::jsonb)`,
      [user.id, m.id, c.entity, c.entityId, c.field, JSON.stringify(c.yourValue ?? null), JSON.stringify(c.serverValue ?? null)]);
  }
  // We hold the write lock, so the sequence's last value is the newest version this
  // transaction (or an earlier one) took: a pull that reaches it contains the effect.
  const [seq] = await tx.query<{ v: number }>('SELECT last_value AS v FROM sync_version_seq');
  const result: PushResult = {
    id: m.id, status: error ? 'rejected' : 'applied', version: seq?.v ?? 0, conflicts, error,
  };
  await tx.query(
    `INSERT INTO applied_mutations (client_id, mutation_id, user_id, name, version, result)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb)`,
    [clientId, m.id, user.id, m.name, result.version, JSON.stringify(result)]);
  return result;
}
