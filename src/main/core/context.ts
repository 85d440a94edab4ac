// What every handler may use. Built once per core by create-core.ts.
import { type MethodName, type MethodOutput, type MethodParsedInput } from '../../shared/api.js';
import { type CacheStore } from './cache/cache-store.js';
import { type StoredSession } from './cache/local-state.js';
import { type CoreEvents } from './events.js';
import { type Logger } from './logger.js';
import { type ServerClient } from './remote/server-client.js';
import { type SyncClient } from './sync/sync-client.js';

export interface CoreOptions {
  dataDir: string;
  serverUrls: string[];
  appVersion: string;
  host: 'electron' | 'browser';
  systemLocale: string;
  /** Seconds between background pulls (default 15). */
  syncIntervalSeconds?: number;
  /** Rows per pull request (default 5000). */
  pullLimit?: number;
}

export interface CoreContext {
  readonly options: CoreOptions;
  readonly store: CacheStore;
  readonly server: ServerClient;
  readonly sync: SyncClient;
  readonly events: CoreEvents;
  readonly logger: Logger;
  /** The current unexpired session, or null (an expired one is cleared). */
  session(): StoredSession | null;
  /** Like session() but throws UNAUTHENTICATED. */
  requireSession(): StoredSession;
  setSession(session: StoredSession | null): void;
}

export type Handler<M extends MethodName> = (
  input: MethodParsedInput<M>,
  ctx: CoreContext,
) => Promise<MethodOutput<M>> | MethodOutput<M>;

export type HandlerMap<K extends MethodName> = { [M in K]: Handler<M> };
