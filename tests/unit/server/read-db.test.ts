// Where reads go with a read replica (src/server/db/read-db.ts) and when a poke may go out
// (src/server/live/replay-gate.ts), on stand-in databases that record what they were asked.
// The real standby is exercised in tests/integration/sync/read-replica.test.ts.
import { describe, expect, it } from 'vitest';
import { type Db } from '../../../src/server/db/db.js';
import { REPLICA_RETRY_MS, readDb, withReadReplica } from '../../../src/server/db/read-db.js';
import { createReplayGate } from '../../../src/server/live/replay-gate.js';

interface FakeDb extends Db { asked: string[]; fail: unknown }

function fakeDb(name: string, head: () => number = () => 0): FakeDb {
  const db: FakeDb = {
    engine: 'postgres', asked: [], fail: null,
    async query<T>(sql: string) {
      if (db.fail) throw db.fail;
      db.asked.push(sql);
      return [{ head: head(), who: name }] as T[];
    },
    async transaction(fn) {
      if (db.fail) throw db.fail;
      return fn(db);
    },
    close: async () => undefined,
  };
  return db;
}

const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5433'), { code: 'ECONNREFUSED' });

describe('readDb', () => {
  it('answers the database itself without a replica, and the replica with one', async () => {
    const primary = fakeDb('primary');
    expect(readDb(primary)).toBe(primary);
    const replica = fakeDb('replica');
    const db = withReadReplica(primary, replica);
    await readDb(db).query('SELECT 1');
    await db.query('UPDATE x');
    expect(replica.asked).toEqual(['SELECT 1']);
    expect(primary.asked).toEqual(['UPDATE x']);
  });

  it('sends reads to the primary while the replica cannot be reached, and tries it again later', async () => {
    let now = 1_000;
    const primary = fakeDb('primary');
    const replica = fakeDb('replica');
    const reads = readDb(withReadReplica(primary, replica, () => now));
    replica.fail = refused;
    expect(await reads.query<{ who: string }>('SELECT a')).toEqual([{ head: 0, who: 'primary' }]);
    replica.fail = null;
    now += REPLICA_RETRY_MS - 1;
    await reads.query('SELECT b');
    expect(primary.asked).toEqual(['SELECT a', 'SELECT b']);
    now += 1;
    await reads.query('SELECT c');
    expect(replica.asked).toEqual(['SELECT c']);
  });

  it('does not run a failed statement again, nor a transaction that had begun on the replica', async () => {
    const primary = fakeDb('primary');
    const replica = fakeDb('replica');
    const reads = readDb(withReadReplica(primary, replica));
    replica.fail = Object.assign(new Error('column "x" does not exist'), { code: '42703' });
    await expect(reads.query('SELECT x')).rejects.toThrow(/does not exist/);
    replica.fail = null;
    let runs = 0;
    await expect(reads.transaction(async () => {
      runs++;
      throw refused;
    })).rejects.toThrow(/ECONNREFUSED/);
    expect(runs).toBe(1);
    expect(primary.asked).toEqual([]);
  });
});

describe('replay gate', () => {
  it('opens once the replica has the head the primary had, and gives up after its wait', async () => {
    let replicaHead = 3;
    const gate = createReplayGate(fakeDb('primary', () => 5), fakeDb('replica', () => replicaHead++), { maxWaitMs: 10_000, pollMs: 1 });
    expect(await gate.caughtUp()).toBe(true);
    expect(replicaHead).toBe(6);
    const stuck = createReplayGate(fakeDb('primary', () => 9), fakeDb('replica', () => 1), { maxWaitMs: 5, pollMs: 1 });
    expect(await stuck.caughtUp()).toBe(false);
  });
});
