// Revocations reach every server instance's session cache over PostgreSQL LISTEN/NOTIFY,
// as live pokes do (live/live-hub.ts). Migration 017's triggers NOTIFY `sapa_auth` with a
// user id at the commit of anything that ends a session or changes a user's signed-in state;
// each instance's listener drops that user's cached sessions.
//
// NOTIFY is asynchronous, so "disabled on A, refused on B at the next request" needs more:
// `settle()` (called after such a commit) sends a barrier on the same channel and waits
// until every listening instance has acknowledged it. PostgreSQL delivers notifications in
// commit order, so an instance that acknowledges the barrier has already handled the
// revocation before it. The instances are the listener connections PostgreSQL itself
// lists (pg_stat_activity, by application_name); a listener names itself only after its
// LISTEN is up, and its cache serves only from then on, so an instance is either waited
// for or its cache started after the revocation was committed.
//
// The cache serves only while the listener is connected: when it drops, everything cached
// is forgotten and every request asks the database until the LISTEN is back.
// See docs/decisions/0020-session-cache.md.
import { randomBytes } from 'node:crypto';
import { type FastifyBaseLogger } from 'fastify';
import pg from 'pg';
import { type Db } from '../db/db.js';
import { type SessionCache } from './session-cache.js';

const CHANNEL = 'sapa_auth';
const ACK_CHANNEL = 'sapa_auth_ack';
const NAME_PREFIX = 'sapa-auth:';
const BARRIER = 'barrier:';
/** Sessions or users truncated: nobody's cached session can be trusted. */
const ALL = '*';
const RETRY_MS = 1_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface RevocationChannel {
  /** Resolves when every listening instance has dropped what a revocation committed before this call ended. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

export interface RevocationChannelOptions {
  /** How long settle() waits for the other instances (an instance that does not answer is logged; its entries expire by the TTL). */
  settleTimeoutMs?: number;
}

interface Waiter { acked: Set<string>; wanted: Set<string> | null; done: () => void }

export function openRevocationChannel(
  db: Db, databaseUrl: string, cache: SessionCache, log: FastifyBaseLogger, options: RevocationChannelOptions = {},
): RevocationChannel {
  const instance = randomBytes(8).toString('hex');
  const settleTimeoutMs = options.settleTimeoutMs ?? 2_000;
  const waiters = new Map<number, Waiter>();
  let barriers = 0;
  let listener: pg.Client | null = null;
  let listening = false;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;

  const onNotification = (client: pg.Client, message: pg.Notification): void => {
    const payload = message.payload ?? '';
    if (message.channel === CHANNEL) {
      if (payload.startsWith(BARRIER)) {
        // Every revocation committed before the barrier was handled above, in order: say so.
        void client.query('SELECT pg_notify($1, $2)', [ACK_CHANNEL, `${payload.slice(BARRIER.length)}:${instance}`]).catch(() => undefined);
      } else if (UUID.test(payload)) {
        cache.dropUser(payload);
      } else if (payload === ALL) {
        cache.dropAll();
      }
      return;
    }
    const [to, n, from] = payload.split(':');
    if (message.channel !== ACK_CHANNEL || to !== instance || !from) return;
    const waiter = waiters.get(Number(n));
    if (!waiter) return;
    waiter.acked.add(from);
    if (waiter.wanted && [...waiter.wanted].every((id) => waiter.acked.has(id))) waiter.done();
  };

  async function listen(): Promise<void> {
    if (closed) return;
    const client = new pg.Client({ connectionString: databaseUrl, keepAlive: true, application_name: 'sapa-auth-starting' });
    const again = (): void => {
      if (closed || listener !== client) return;
      listener = null;
      listening = false;
      cache.setEnabled(false);
      void client.end().catch(() => undefined);
      retry = setTimeout(() => void listen(), RETRY_MS);
      retry.unref();
    };
    listener = client;
    client.on('error', again);
    client.on('end', again);
    client.on('notification', (message) => onNotification(client, message));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      await client.query(`LISTEN ${ACK_CHANNEL}`);
      // Named (and so waited for by settle()) only now that it hears every revocation.
      await client.query(`SET application_name = '${NAME_PREFIX}${instance}'`);
      if (listener !== client || closed) return;
      listening = true;
      cache.setEnabled(true);
    } catch {
      again();
    }
  }

  async function listeningInstances(): Promise<Set<string>> {
    const rows = await db.query<{ name: string }>(
      `SELECT application_name AS name FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE $1`,
      [`${NAME_PREFIX}%`]);
    return new Set(rows.map((r) => r.name.slice(NAME_PREFIX.length)));
  }

  async function settle(): Promise<void> {
    if (closed) return;
    const n = ++barriers;
    let done!: () => void;
    const acked = new Promise<void>((resolve) => { done = resolve; });
    const waiter: Waiter = { acked: new Set(), wanted: null, done };
    waiters.set(n, waiter);
    let timer: NodeJS.Timeout | undefined;
    try {
      await db.query('SELECT pg_notify($1, $2)', [CHANNEL, `${BARRIER}${instance}:${n}`]);
      // Listed after the barrier was sent: an instance that starts listening later has nothing stale.
      if (!listening) {
        // The acknowledgements come to this instance's listener, which is down: nothing to wait on.
        log.warn('session revocation sent without confirmation: this instance is not listening on its database');
        return;
      }
      waiter.wanted = await listeningInstances();
      if ([...waiter.wanted].every((id) => waiter.acked.has(id))) return;
      const late = await Promise.race([
        acked.then(() => false),
        new Promise<boolean>((resolve) => { timer = setTimeout(() => resolve(true), settleTimeoutMs); }),
      ]);
      if (late) {
        const still = await listeningInstances();
        const missing = [...waiter.wanted].filter((id) => still.has(id) && !waiter.acked.has(id));
        if (missing.length) log.warn({ missing, waitedMs: settleTimeoutMs }, 'session revocation not confirmed by every server instance; their cached sessions expire within the cache TTL');
      }
    } finally {
      if (timer) clearTimeout(timer);
      waiters.delete(n);
    }
  }

  void listen();

  return {
    settle,
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      listening = false;
      cache.setEnabled(false);
      const client = listener;
      listener = null;
      for (const waiter of waiters.values()) waiter.done();
      await client?.end().catch(() => undefined);
    },
  };
}
