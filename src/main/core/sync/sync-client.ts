// Pulls the server's changes into the cache by version cursor. One run pulls batches until
// the server says there is no more; each batch is validated (zod, in the server client) and
// applied in one transaction with its cursor, so bad data never advances the cursor.
// Runs after login, every `intervalMs`, and on demand; when the server cannot be reached
// it reports `offline` and retries with back-off. It never throws into the timer.
import { type SyncStatus } from '../../../shared/api.js';
import { SapaError } from '../../../shared/errors.js';
import { PullResponse } from '../../../shared/sync.js';
import { type CacheStore } from '../cache/cache-store.js';
import { type Logger } from '../logger.js';
import { serverPaths } from '../remote/paths.js';
import { type ServerClient } from '../remote/server-client.js';

export const DEFAULT_SYNC_INTERVAL_MS = 15_000;
export const DEFAULT_PULL_LIMIT = 5_000;
const MAX_BACKOFF_MS = 60_000;
const FIRST_BACKOFF_MS = 1_000;

export interface SyncClientOptions {
  store: CacheStore;
  server: ServerClient;
  logger: Logger;
  token(): string | null;
  /** The server rejected the session (expired or revoked). */
  onUnauthenticated(): void;
  onStatus(status: SyncStatus): void;
  intervalMs?: number;
  pullLimit?: number;
}

export interface SyncClient {
  status(): SyncStatus;
  /** Starts periodic sync (the first run starts at once). */
  start(): void;
  /** Stops periodic sync; a run in progress finishes its current batch. */
  stop(): void;
  /** Runs a sync now (or joins the one in progress) and answers the status after it. */
  syncNow(): Promise<SyncStatus>;
}

export function createSyncClient(o: SyncClientOptions): SyncClient {
  const intervalMs = o.intervalMs ?? DEFAULT_SYNC_INTERVAL_MS;
  const pullLimit = o.pullLimit ?? DEFAULT_PULL_LIMIT;
  let running: Promise<SyncStatus> | null = null;
  let timer: NodeJS.Timeout | null = null;
  let active = false;
  let backoffMs = FIRST_BACKOFF_MS;

  const saved = o.store.state.syncCursor();
  let status: SyncStatus = {
    state: 'signed_out', cursor: saved.cursor, headVersion: saved.headVersion, lastSyncAt: saved.lastSyncAt,
    rowsApplied: 0, progress: null, lastError: null, cachedCustomers: o.store.queries.countCustomers(),
  };

  function publish(patch: Partial<SyncStatus>): void {
    status = { ...status, ...patch };
    o.onStatus(status);
  }

  async function pullUntilDone(): Promise<void> {
    let applied = 0;
    publish({ state: 'syncing', rowsApplied: 0, progress: 0, lastError: null });
    for (;;) {
      const token = o.token();
      if (!token) throw new SapaError('UNAUTHENTICATED', 'Not signed in');
      const cursor = o.store.state.syncCursor().cursor;
      const batch = await o.server.request({
        path: serverPaths.syncPull, query: { cursor, limit: pullLimit }, token, schema: PullResponse,
        timeoutMs: 60_000,
      });
      if (batch.nextCursor < cursor) {
        throw new SapaError('INTERNAL', `Server moved the cursor backwards (${cursor} → ${batch.nextCursor})`);
      }
      const result = o.store.apply.applyPull(batch, new Date().toISOString());
      applied += result.rowsApplied;
      const more = batch.more && active;
      publish({
        cursor: batch.nextCursor, headVersion: batch.headVersion, lastSyncAt: new Date().toISOString(),
        rowsApplied: applied,
        progress: batch.more ? Math.min(1, applied / Math.max(1, applied + batch.remainingEstimate)) : 1,
        cachedCustomers: o.store.queries.countCustomers(),
      });
      if (!more) return;
    }
  }

  async function run(): Promise<SyncStatus> {
    try {
      await pullUntilDone();
      backoffMs = FIRST_BACKOFF_MS;
      publish({ state: active ? 'idle' : 'signed_out', progress: null });
      schedule(intervalMs);
    } catch (error) {
      handleFailure(error);
    }
    return status;
  }

  function handleFailure(error: unknown): void {
    const sapa = error instanceof SapaError ? error : null;
    const message = error instanceof Error ? error.message : String(error);
    if (sapa?.code === 'UNAUTHENTICATED') {
      o.logger.warn('sync stopped: session rejected', { message });
      active = false;
      clearTimer();
      publish({ state: 'signed_out', progress: null, lastError: message });
      o.onUnauthenticated();
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
    });
    return running;
  }

  return {
    status: () => status,
    start() {
      if (active) return;
      active = true;
      backoffMs = FIRST_BACKOFF_MS;
      publish({ state: 'idle', lastError: null });
      void syncNow();
    },
    stop() {
      active = false;
      clearTimer();
      publish({ state: 'signed_out', progress: null });
    },
    syncNow,
  };
}
