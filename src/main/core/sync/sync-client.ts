// One sync run = push the outbox, then pull the server's changes by version cursor.
//
// Push: the signed-in author's pending mutations, oldest first, in batches; the server
// applies each once per (clientId, id) and answers the version that holds its effect.
// Pull: batches until the server says there is no more; each batch is validated (zod: the
// envelope in the server client, the rows in slices in check-pull.ts) and applied with its cursor and with the removal of outbox entries
// whose effect that cursor now covers in ONE transaction — in a catch-up, the batch's rows
// go first in short transactions that yield between them, and the cursor with the last
// (decision 0041) — so bad data never advances the cursor, and an entry never leaves the
// outbox before its effect is in the cache.
// Runs after login, on every live poke, soon after each local write, every `intervalMs`,
// and on demand; when the server cannot be reached it reports `offline` and retries with
// back-off. It never throws into the timer.
import { type SyncStatus } from '../../../shared/api.js';
import { type SessionUser } from '../../../shared/http.js';
import { SapaError } from '../../../shared/errors.js';
import { type PriorityResponse, type PullResponse, type PushResponse } from '../../../shared/sync.js';
import { type PullEnvelope, type WireFormat } from '../../../shared/sync-wire.js';
import { type BulkLoad, startBulkLoad } from '../cache/bulk-load.js';
import { type CacheStore } from '../cache/cache-store.js';
import { type Logger } from '../logger.js';
import { type Outbox } from '../outbox/outbox.js';
import { type ServerClient } from '../remote/server-client.js';
import { checkPullInSlices } from './check-pull.js';
import { createLiveClient } from './live-client.js';
import { SIGNED_OUT_REASONS, type SignedOutReason } from '../../../shared/sync.js';
import { createSyncLog, type SyncLog } from './sync-log.js';
import { DEFAULT_WORKING_SET_LIMIT } from './env-options.js';
import { createWorkingSet, type WorkingSet } from './working-set.js';

export const DEFAULT_SYNC_INTERVAL_MS = 15_000;
export const DEFAULT_PULL_LIMIT = 5_000;
export const PUSH_BATCH = 100;
/** Pull requests in flight while a batch is applied (see pullFrom). */
export const PULL_AHEAD = 2;
/**
 * A catch-up applies a batch in transactions of at most this many rows or this long,
 * whichever comes first; between two slices core answers what waits (decision 0041:
 * 2 000 rows / 16 ms, measured quiet, keeps a pop within 2× idle and takes a third more
 * rows a second than 500 / 4 ms, whose per-slice commits cost).
 */
export const BULK_SLICE_ROWS = 2000;
export const BULK_SLICE_MS = 16;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
// Short enough that a desktop is back within seconds of the line returning (convergence < 30 s).
const MAX_BACKOFF_MS = 8_000;
const FIRST_BACKOFF_MS = 500;

export interface SyncClientOptions {
  store: CacheStore;
  server: ServerClient;
  outbox: Outbox;
  logger: Logger;
  token(): string | null;
  /** Author whose mutations may be pushed under the current token. */
  userId(): string | null;
  /** The signed-in user (author of working-set joins and leaves). */
  user?(): SessionUser | null;
  /** Replicate customers by working set, keeping at most this many (absent: everything). */
  workingSetLimit?: number;
  /** The server rejected the session (expired or revoked); with the reason when the live channel was told one. */
  onUnauthenticated(reason?: SignedOutReason): void;
  /** The server says an admin ordered this desktop wiped (sync has stopped). */
  onWipeOrdered?(): void;
  onStatus(status: SyncStatus): void;
  /** Rows changed by a pull (the renderer re-reads what it shows). */
  onDataChanged?(): void;
  intervalMs?: number;
  pullLimit?: number;
  /** Rows per transaction while a catch-up applies a batch (default BULK_SLICE_ROWS). */
  bulkSliceRows?: number;
  /** The pull's wire format (default columns; shared/sync-wire.ts). */
  wire?: WireFormat;
  /** A first sync fetches the agent's own open work before the history (default true). */
  priorityFirst?: boolean;
  /** Open the live channel (default true). */
  live?: boolean;
  /** Live-channel messages that are not sync's own (contact-center pushes), unparsed. */
  onLiveMessage?(message: unknown): void;
  /** Give up on one push or pull request after this long (default 30 s / 60 s). */
  requestTimeoutMs?: number;
}

export interface SyncClient {
  status(): SyncStatus;
  /** Starts periodic sync (the first run starts at once) and the live channel. */
  start(): void;
  /** Stops periodic sync; a run in progress finishes its current batch. */
  stop(): void;
  /** Runs a sync now (or joins the one in progress) and answers the status after it. */
  syncNow(): Promise<SyncStatus>;
  /** Asks for a run soon (after a local write or a poke); a run in progress runs again. */
  pushSoon(): void;
  /** Resolves when no run is in progress (after stop(), before the cache is closed). */
  idle(): Promise<void>;
  readonly log: SyncLog;
  readonly workingSet: WorkingSet;
}

export function createSyncClient(o: SyncClientOptions): SyncClient {
  const intervalMs = o.intervalMs ?? DEFAULT_SYNC_INTERVAL_MS;
  const pullLimit = o.pullLimit ?? DEFAULT_PULL_LIMIT;
  const log = createSyncLog(o.store.db);
  const workingSet = createWorkingSet({
    store: o.store, outbox: o.outbox, server: o.server, logger: o.logger, limit: o.workingSetLimit,
  });
  let running: Promise<SyncStatus> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | null = null;
  let active = false;
  let backoffMs = FIRST_BACKOFF_MS;
  let lastUrl = o.server.currentUrl();

  const saved = o.store.state.syncCursor();
  let status: SyncStatus = {
    state: 'signed_out', cursor: saved.cursor, headVersion: saved.headVersion, lastSyncAt: saved.lastSyncAt,
    rowsApplied: 0, progress: null, lastError: null, cachedCustomers: o.store.queries.countCustomers(),
    pending: o.outbox.pendingCount(), serverUrl: null, live: false, conflicts: log.openConflictCount(),
    refused: o.outbox.refusedCount(o.userId()),
  };

  const live = createLiveClient({
    url: () => o.server.currentUrl(),
    token: o.token,
    onPoke: () => syncAgain(),
    onState: (connected) => publish({ live: connected }),
    // An admin disabled the user, reset the password or ended their sessions: sign out now,
    // not at the next pull (the outbox stays, as for any rejected session).
    onSignedOut: (reason) => {
      o.logger.warn('sync stopped: the server ended the session', { reason });
      active = false;
      clearTimer();
      publish({ state: 'signed_out', progress: null, lastError: 'The server ended the session' });
      o.onUnauthenticated(reason ?? undefined);
    },
    ...(o.onLiveMessage ? { onMessage: o.onLiveMessage } : {}),
    logger: o.logger,
  });

  function publish(patch: Partial<SyncStatus>): void {
    status = {
      ...status, pending: o.outbox.pendingCount(), conflicts: log.openConflictCount(),
      refused: o.outbox.refusedCount(o.userId()), ...patch,
    };
    o.onStatus(status);
  }

  function requireToken(): string {
    const token = o.token();
    if (!token) throw new SapaError('UNAUTHENTICATED', 'Not signed in');
    return token;
  }

  async function pushAll(): Promise<void> {
    const author = o.userId();
    if (!author) return;
    for (;;) {
      const mutations = o.outbox.nextBatch(author, PUSH_BATCH);
      if (mutations.length === 0) return;
      const token = requireToken();
      let answer: PushResponse;
      try {
        answer = await o.server.call('sync.push', { body: { clientId: o.outbox.clientId, mutations } }, {
          token, timeoutMs: o.requestTimeoutMs ?? 30_000,
        });
      } catch (error) {
        o.outbox.recordAttempt(mutations.map((m) => m.id), error instanceof Error ? error.message : String(error));
        throw error;
      }
      o.outbox.recordResults(answer.results);
      for (const r of answer.results) {
        if (r.status === 'rejected') log.error(`mutation ${r.id} rejected: ${r.error?.code ?? ''} ${r.error?.message ?? ''}`);
      }
      publish({});
    }
  }

  let workingSetLimit = o.workingSetLimit;
  function requestBatch(cursor: number, pass: { from: number; head: number } | null): Promise<PullEnvelope> {
    return o.server.call('sync.pull', {
      query: {
        cursor, limit: pullLimit,
        // Customers entering the working set that this pass's earlier windows already served
        // are not sent again whole (server pull.ts PullScope.pass): a first sync gets each once.
        ...(pass ? { passFrom: pass.from, passHead: pass.head } : {}),
        // The limit also caps the server's branch and queue rules (they could be large).
        ...(workingSet.enabled ? { scope: 'working', bound: workingSetLimit } : {}),
        // Full replication may be allowed for this desktop (server data-access settings), and
        // a wipe order for this desktop reaches it.
        clientId: o.outbox.clientId,
        // Column arrays: a third fewer bytes before compression, a sixth after (decision 0028);
        // a server that does not know `wire` answers rows, which parse just the same.
        wire: o.wire ?? 'columns',
      },
    }, { token: requireToken(), timeoutMs: o.requestTimeoutMs ?? 60_000 });
  }

  /**
   * Asked for every customer, served the working set: full replication is not allowed for
   * this user or desktop (an admin grants it, docs/operator-guide.md). From now on this
   * desktop replicates by working set, so customers it opens are joined and pulled.
   */
  function fallBackToWorkingSet(batch: PullResponse): void {
    if (batch.scope !== 'working' || workingSet.enabled) return;
    workingSetLimit = DEFAULT_WORKING_SET_LIMIT;
    workingSet.enable(DEFAULT_WORKING_SET_LIMIT);
    const message = 'full replication is not allowed for this user or desktop: replicating the working set instead';
    o.logger.warn(message, { limit: DEFAULT_WORKING_SET_LIMIT });
    log.error(message);
  }

  // The signed-in user's branch and queues as last pulled. When an admin changes them the
  // working set's rules cover other customers, whose rows lie behind the cursor: pull the
  // scope again from 0 (idempotent upserts; a crash half-way just resumes from there).
  function scopeChanged(batch: PullResponse, startedAt: number): boolean {
    const me = o.userId();
    const mine = me && workingSet.enabled ? batch.changes.users.find((u) => u.id === me) : undefined;
    if (!mine) return false;
    const key = `sync.userScope.${mine.id}`;
    const fingerprint = JSON.stringify([mine.branch ?? null, [...(mine.queues ?? [])].sort()]);
    const stored = o.store.state.setting(key);
    if (stored === fingerprint) return false;
    o.store.state.saveSetting(key, fingerprint);
    return stored !== null || startedAt > 0;
  }

  /**
   * A first sync (cursor 0) fetches the agent's own open work before the history: open
   * cases and call-backs assigned to them, with those customers and their latest contacts
   * (server sync/priority.ts), so the desktop is usable long before the history is in on a
   * slow line. Applied without moving the cursor; an older server without the route is
   * simply skipped.
   */
  async function pullPriority(): Promise<void> {
    if (o.store.state.syncCursor().cursor !== 0 || o.priorityFirst === false) return;
    let answer: PriorityResponse;
    try {
      answer = await o.server.call('sync.priority', {}, { token: requireToken(), timeoutMs: o.requestTimeoutMs ?? 60_000 });
    } catch (error) {
      if (error instanceof SapaError && error.code === 'NOT_FOUND') return;
      throw error;
    }
    const { rowsApplied } = o.store.apply.applyRows(answer.changes);
    if (rowsApplied > 0) o.onDataChanged?.();
    publish({ cachedCustomers: o.store.queries.countCustomers() });
  }

  async function pullUntilDone(): Promise<void> {
    await pullPriority();
    let from = o.store.state.syncCursor().cursor;
    while (await pullFrom(from)) {
      o.logger.info('user scope changed: pulling the working set again');
      from = 0;
    }
  }

  // Counting a large cache costs milliseconds; a catch-up of hundreds of batches only
  // needs the figure refreshed for its progress line now and then, and exactly at the end.
  let countedAt = 0;
  function countCustomersAtMostEverySecond(last: boolean): number {
    if (!last && Date.now() - countedAt < 1_000) return status.cachedCustomers;
    countedAt = Date.now();
    return o.store.queries.countCustomers();
  }

  /**
   * Pulls to the head; answers true when the user's scope changed on the way.
   *
   * Up to PULL_AHEAD requests are in flight while a batch is applied, so the server reads
   * and encodes while SQLite writes. The first follow-up asks from the answer's own
   * nextCursor; the ones beyond it are asked speculatively one whole window further each.
   * A full or rule-evaluated window that says `more` spans at least `limit` versions
   * (server pull.ts), so a window asked from q = p + limit starts at the first version
   * above q and continues the one asked from p without a hole; it may overlap it only
   * where the server skipped empty versions (overlapping rows are applied again at the
   * same version, a no-op). A maintained working-set window may be cut shorter (at most
   * limit/10 membership changes each): a speculative answer asked from past the cursor is
   * then dropped with those after it, and the pull goes on from the cursor. Answers are
   * applied strictly in the order asked; once one says there is no more, later ones are
   * dropped unapplied.
   */
  async function pullFrom(start: number): Promise<boolean> {
    let applied = 0;
    let rescope = false;
    let cursor = start;
    // The lowest head this pass's answers were served at (unknown until the first answer).
    let passHead: number | null = null;
    const inFlight: { from: number; answer: Promise<PullEnvelope> }[] = [];
    const ask = (from: number) => {
      const answer = requestBatch(from, passHead === null ? null : { from: start, head: passHead });
      // A dropped or abandoned answer must not become an unhandled rejection.
      answer.catch(() => undefined);
      inFlight.push({ from, answer });
    };
    ask(cursor);
    let bulk: BulkLoad | null = null;
    try {
      while (inFlight.length > 0) {
        const next = inFlight.shift()!;
        // A window asked speculatively from beyond where the last one ended would leave a
        // hole: the server cuts a working-set window short when it holds many membership
        // changes (pull.ts), so a window that says `more` may span fewer than `limit`
        // versions. Drop it and those after it, and ask from the cursor.
        if (next.from > cursor) {
          inFlight.length = 0;
          ask(cursor);
          continue;
        }
        // The rows are checked a slice at a time (check-pull.ts), all before any is applied.
        const batch: PullResponse = await checkPullInSlices(await next.answer, yieldToEventLoop);
        fallBackToWorkingSet(batch);
        if (batch.nextCursor < cursor) {
          throw new SapaError('INTERNAL', `Server moved the cursor backwards (${cursor} → ${batch.nextCursor})`);
        }
        // A lower head (a lagging read replica behind another instance): the windows asked
        // with the higher one may leave out rows this window did not serve; ask them again.
        if (passHead === null || batch.headVersion < passHead) {
          if (passHead !== null) inFlight.length = 0;
          passHead = batch.headVersion;
        }
        if (!batch.more || !active) inFlight.length = 0;
        else {
          if (inFlight.length === 0) ask(batch.nextCursor);
          while (inFlight.length < PULL_AHEAD) ask(inFlight[inFlight.length - 1]!.from + pullLimit);
        }
        // More than one batch due: a catch-up, applied in bulk mode (cache/bulk-load.ts).
        if (batch.more && !bulk) bulk = startBulkLoad(o.store.db);
        const syncedAt = new Date().toISOString();
        // In a catch-up the batch goes in slices that hand core's thread back between them
        // (a screen pop waits for one slice, not for 5 000 rows); the cursor and the
        // outbox's confirmed entries move with the last slice (decision 0041).
        const result = await o.store.apply.applyPullInSlices(batch, syncedAt, {
          sliceRows: bulk ? o.bulkSliceRows ?? BULK_SLICE_ROWS : Infinity, ...(bulk ? { sliceMs: BULK_SLICE_MS } : {}),
          yieldNow: yieldToEventLoop,
          withCursor: () => o.outbox.dropConfirmed(batch.nextCursor),
        });
        bulk?.batchApplied();
        if (scopeChanged(batch, start)) rescope = true;
        cursor = batch.nextCursor;
        applied += result.rowsApplied;
        if (result.rowsApplied > 0) o.onDataChanged?.();
        publish({
          cursor: batch.nextCursor, headVersion: batch.headVersion, lastSyncAt: syncedAt, rowsApplied: applied,
          progress: batch.more ? Math.min(1, applied / Math.max(1, applied + batch.remainingEstimate)) : 1,
          cachedCustomers: countCustomersAtMostEverySecond(!batch.more),
        });
      }
    } finally {
      bulk?.end();
    }
    return rescope;
  }

  async function run(): Promise<SyncStatus> {
    try {
      publish({ state: 'syncing', rowsApplied: 0, progress: null, lastError: null });
      await pushAll();
      await pullUntilDone();
      if (workingSet.enabled) {
        await workingSet.afterPull(requireToken(), o.user?.() ?? null);
        // Leaves written by an eviction go out in the same run.
        await pushAll();
      }
      backoffMs = FIRST_BACKOFF_MS;
      publish({ state: active ? 'idle' : 'signed_out', progress: null, serverUrl: o.server.currentUrl() });
      followServer();
      schedule(intervalMs);
    } catch (error) {
      handleFailure(error);
    }
    return status;
  }

  /** After a failover the live channel must move to the server that now answers. */
  function followServer(): void {
    const url = o.server.currentUrl();
    if (url !== lastUrl) {
      lastUrl = url;
      log.error(`switched to server ${url}`);
      live.reconnect();
    }
  }

  function handleFailure(error: unknown): void {
    const sapa = error instanceof SapaError ? error : null;
    const message = error instanceof Error ? error.message : String(error);
    log.error(message);
    if (sapa?.code === 'WIPE_ORDERED') {
      o.logger.warn('the server ordered this desktop wiped', { details: sapa.details });
      active = false;
      clearTimer();
      live.stop();
      publish({ state: 'signed_out', progress: null, lastError: message });
      o.onWipeOrdered?.();
      return;
    }
    if (sapa?.code === 'UNAUTHENTICATED') {
      // Already stopped (the live channel said why, or the user signed out): a run still in
      // progress failing on the missing token must not sign out again without the reason.
      if (!active) return;
      // The outbox stays: it is pushed when its author signs in again.
      o.logger.warn('sync stopped: session rejected', { message });
      active = false;
      clearTimer();
      live.stop();
      publish({ state: 'signed_out', progress: null, lastError: message });
      // A disabled account says so in the 401 (src/server/auth/guard.ts): the sign-in screen tells the agent.
      const reason = (sapa.details as { reason?: unknown } | undefined)?.reason;
      o.onUnauthenticated(SIGNED_OUT_REASONS.find((r) => r === reason));
      return;
    }
    const state = sapa?.code === 'OFFLINE' ? 'offline' : 'error';
    o.logger.warn('sync failed', { state, message, details: sapa?.details });
    publish({ state, progress: null, lastError: message });
    schedule(backoffMs);
    backoffMs = Math.min(MAX_BACKOFF_MS, backoffMs * 2);
  }

  function clearTimer(): void {
    if (timer) clearTimeout(timer);
    timer = null;
  }

  function schedule(delayMs: number): void {
    clearTimer();
    if (!active) return;
    timer = setTimeout(() => void syncNow(), delayMs);
    // A pending sync must not keep a Node process (tests, CLI) alive on its own.
    timer.unref();
  }

  function syncNow(): Promise<SyncStatus> {
    if (!active) return Promise.resolve(status);
    running ??= run().finally(() => {
      running = null;
      if (again && active && status.state !== 'offline' && status.state !== 'error') {
        again = false;
        void syncNow();
      }
      again = false;
    });
    return running;
  }

  /** A poke or a local write: run now, or once more right after the run in progress. */
  function syncAgain(): void {
    if (!active) return;
    if (running) {
      again = true;
      return;
    }
    // An offline desktop waits for its back-off unless something new happened locally.
    void syncNow();
  }

  // Opening a customer may add a workingset.join to the outbox outside any sync run: show
  // the new pending count now, not at the next run.
  const workingSetShown: WorkingSet = {
    ...workingSet,
    touch(customerId, author) {
      const before = o.outbox.pendingCount();
      workingSet.touch(customerId, author);
      if (o.outbox.pendingCount() !== before) publish({});
    },
  };

  return {
    status: () => status,
    start() {
      if (active) return;
      active = true;
      backoffMs = FIRST_BACKOFF_MS;
      publish({ state: 'idle', lastError: null });
      if (o.live !== false) live.start();
      void syncNow();
    },
    stop() {
      active = false;
      clearTimer();
      live.stop();
      publish({ state: 'signed_out', progress: null });
    },
    syncNow,
    pushSoon() {
      publish({});
      syncAgain();
    },
    async idle() {
      while (running) await running.catch(() => undefined);
    },
    log,
    workingSet: workingSetShown,
  };
}
