// What every handler may use. Built once per core by create-core.ts.
import { type WireFormat } from '../../shared/sync-wire.js';
import { type MethodName, type MethodOutput, type MethodParsedInput, type SignedOutNotice } from '../../shared/api.js';
import { type MutationInput, type MutationName } from '../../shared/mutations.js';
import { type CacheStore } from './cache/cache-store.js';
import { type StoredSession } from './cache/local-state.js';
import { type CoreEvents } from './events.js';
import { type Logger } from './logger.js';
import { type ServerClient } from './remote/server-client.js';
import { type SyncClient } from './sync/sync-client.js';
import { type CacheDb } from './cache/open-cache.js';
import { type MutateOptions, type Outbox } from './outbox/outbox.js';
import { type UpdaterPort } from './updates/port.js';
import { type UpdatesController } from './updates/controller.js';

export interface CoreOptions {
  dataDir: string;
  /**
   * The developer override (SAPA_SERVER_URLS); empty: the IT policy, else the server saved
   * from the first-start screen, else none yet (server-config/resolve.ts).
   */
  serverUrls: string[];
  /** The IT policy file (server-config/policy.ts: policyFilePath); absent or null: none is read. */
  policyFile?: string | null;
  appVersion: string;
  host: 'electron' | 'browser';
  systemLocale: string;
  /**
   * The desktop's 32-byte key (at-rest/keys.ts): the cache and the recording spool are
   * encrypted with keys derived from it. Electron keeps it with safeStorage; the browser
   * host reads SAPA_DESKTOP_KEY or SAPA_DESKTOP_KEY_FILE.
   */
  desktopKey: Buffer;
  /** Seconds between background pulls (default 15). */
  syncIntervalSeconds?: number;
  /** Rows per pull request (default 5000). */
  pullLimit?: number;
  /** Rows per transaction while a catch-up applies a batch (default 500, and at most 4 ms: sync-client.ts). */
  bulkSliceRows?: number;
  /** Wire format asked of pulls (default `columns`; `rows` is what older desktops read: shared/sync-wire.ts). */
  pullWire?: WireFormat;
  /** Accept-Encoding sent to the server (default `br, gzip`; `identity` to measure an uncompressed line). */
  acceptEncoding?: string;
  /** Open the live channel for pokes (default true). */
  live?: boolean;
  /** Keep a session this long past its expiry while the server cannot be reached (default 8 h). */
  offlineGraceSeconds?: number;
  /** While on a secondary server, retry the primary this often (default 30). */
  retryPrimarySeconds?: number;
  /** Replicate customers by working set, at most this many (absent: every customer). */
  workingSetLimit?: number;
  /** Timeout of one push or pull request (default 30 s push, 60 s pull). */
  syncTimeoutSeconds?: number;
  /** The desktop's clock (tests skew it; default Date.now). */
  clock?: () => number;
  /**
   * The folder of the files shipped beside the app (dictionaries/id/…): the packaged app's
   * process.resourcesPath, the repository's resources/ in development and the browser host
   * (default: the repository's, resources/resources-dir.ts).
   */
  resourcesDir?: string;
  /** Where the host serves streamed playback (default: /media/recordings/ on the page's origin). */
  playbackBaseUrl?: string;
  /**
   * Carries out updates (electron-updater in the shell, a stand-in in the browser host);
   * absent: this desktop does not update itself. Core decides when (updates/controller.ts).
   */
  updater?: UpdaterPort;
  /** Hours between update checks (default 4; each desktop adds its own jitter). */
  updateCheckHours?: number;
  /** Overrides the update feed (default `${server}/api/v1/updates/feed/<installId>/`; tests, the demo). */
  updateFeedUrl?: string;
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
  /** Set when core dropped the session for outliving the offline grace; null after a sign-in. */
  signedOut(): SignedOutNotice | null;
  /** The outbox of agent writes (see src/main/core/outbox/README.md). */
  readonly outbox: Outbox;
  /** The desktop's auto-update: state for the heartbeat, decisions on when to install. */
  readonly updates: UpdatesController;
  /**
   * Records an agent write: validates `args` against the mutation's schema
   * (src/shared/mutations.ts, so `args` is typed by `name`), runs its local effect
   * (`applyLocally`, or the one in outbox/effects.ts) and stores the mutation in
   * the outbox, all in ONE SQLite transaction; then pushes it soon. Needs a session (the
   * author). Answers the mutation id.
   */
  mutate<N extends MutationName>(name: N, args: MutationInput<N>, applyLocally?: (db: CacheDb) => void, options?: Omit<MutateOptions, 'applyLocally'>): { id: string };
}

export type Handler<M extends MethodName> = (
  input: MethodParsedInput<M>,
  ctx: CoreContext,
) => Promise<MethodOutput<M>> | MethodOutput<M>;

export type HandlerMap<K extends MethodName> = { [M in K]: Handler<M> };
