// createCore: the desktop's brain behind the API contract. `call` validates the method
// name and input against src/shared/api.ts, checks access, runs the handler and returns
// its output. Hosts (Electron IPC, the browser host's WebSocket) only forward calls.
import {
  isMethodName, methods, type EventName, type EventPayload, type MethodName, type MethodOutput, type SignedOutNotice,
} from '../../shared/api.js';
import { SapaError, describeZodIssues } from '../../shared/errors.js';
import { checkAccess } from './access.js';
import { openCacheStore } from './cache-tables.js';
import { type StoredSession } from './cache/local-state.js';
import { createReceiptUploader } from './pipeline/receipt-uploader.js';
import { pipelineHandlers } from './pipeline/handlers.js';
import { type CoreContext, type CoreOptions, type Handler, type HandlerMap } from './context.js';
import { createCoreEvents } from './events.js';
import { appSettingsHandlers } from './handlers/app-settings.js';
import { authHandlers } from './handlers/auth.js';
import { customerHandlers } from './handlers/customers.js';
import { auditLogHandlers } from './handlers/audit-log.js';
import { orgHandlers } from './handlers/org.js';
import { createImportHandlers } from './handlers/import.js';
import { createReleaseHandlers } from './handlers/releases.js';
import { callbackHandlers } from './callbacks/handlers.js';
import { customerUpdateHandlers } from './handlers/customer-update.js';
import { noteHandlers } from './notes/handlers.js';
import { caseHandlers } from './cases/handlers.js';
import { orderHandlers } from './orders/handlers.js';
import { caseBoardHandlers } from './cases/board.js';
import { messagingChannelHandlers } from './messaging-channels.js';
import { salesHandlers } from './sales/handlers.js';
import { reportHandlers } from './reports.js';
import { repliesHandlers } from './handlers/replies.js';
import { createSoftphoneHandlers } from './handlers/softphone.js';
import { createCobrowseHandlers } from './cobrowse/handlers.js';
import { createPlaybackHandlers } from './handlers/recording-playback.js';
import { homeHandlers } from './handlers/home.js';
import { fleetHandlers } from './handlers/fleet.js';
import { leadInteractionHandlers } from './handlers/lead-interactions.js';
import { floorHandlers, relayFloorPush } from './handlers/floor.js';
import { receivableHandlers } from './handlers/receivables.js';
import { integrationHandlers } from './handlers/integrations.js';
import { qualityHandlers } from './handlers/quality.js';
import { contactCenterHandlers } from './contact-center/handlers.js';
import { webchatHandlers } from './webchat/handlers.js';
import { relayContactCenterPush } from './contact-center/push-relay.js';
import { createDesktopHeartbeat } from './fleet/desktop-heartbeat.js';
import { createLogger } from './logger.js';
import { createOutbox } from './outbox/outbox.js';
import { BROWSER_PLAYBACK_PATH, createRecordingPlayback, type RecordingPlayback } from './recordings/playback/playback.js';
import { createConfigurableServerClient } from './server-config/configurable-client.js';
import { chooseServerAtStart } from './server-config/start.js';
import { createServerSetupHandlers } from './handlers/server-setup.js';
import { errorAnswer } from './recordings/playback/range-forward.js';
import { createSyncClient, DEFAULT_SYNC_INTERVAL_MS } from './sync/sync-client.js';
import { syncHandlers } from './sync/sync-handlers.js';
import { refusedChangeHandlers } from './handlers/refused-changes.js';
import { adminUserHandlers } from './handlers/admin-users.js';
import { updatesHandlers } from './handlers/updates.js';
import { createUpdatesController } from './updates/controller.js';
import { feedUrlFor } from './updates/update-info.js';
import { type UpdateState } from '../../shared/updates.js';

export type { CoreOptions } from './context.js';

export interface Core {
  call<M extends MethodName>(method: M, rawInput: unknown): Promise<MethodOutput<M>>;
  /** Untyped-name variant for hosts forwarding wire requests (validates the name). */
  callByName(method: string, rawInput: unknown): Promise<unknown>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** Every event, for hosts that forward them all. */
  onAny(listener: <E extends EventName>(event: E, payload: EventPayload<E>) => void): () => void;
  /** Streamed playback: hosts hand the <audio> element's requests of the local URL to `open`. */
  readonly playback: Pick<RecordingPlayback, 'open'>;
  /** The auto-update's state, for the heartbeat: read it, and hear each change of step. */
  readonly updates: {
    state(): UpdateState | null;
    /** Called when the phase, version or error changes (not for each percent of a download). */
    onChange(listener: (state: UpdateState | null) => void): () => void;
  };
  close(): Promise<void>;
}

export function createCore(options: CoreOptions): Core {
  const logger = createLogger('core');
  const store = openCacheStore(options.dataDir, options.desktopKey);
  const events = createCoreEvents(logger);
  // The IT policy, the developer override or the saved first-start choice; maybe none yet.
  const serverChoice = chooseServerAtStart({
    dataDir: options.dataDir, policyFile: options.policyFile ?? null, override: options.serverUrls, logger,
  });
  const server = createConfigurableServerClient(serverChoice.status.serverUrls, logger, {
    retryPrimaryMs: (options.retryPrimarySeconds ?? 30) * 1000,
    ...(options.acceptEncoding ? { acceptEncoding: options.acceptEncoding } : {}),
  });
  const clock = options.clock ?? Date.now;
  // An agent on a dead line stays signed in this long past the session's expiry; the
  // server still has the last word once it answers (UNAUTHENTICATED signs out, the outbox stays).
  const graceMs = (options.offlineGraceSeconds ?? 8 * 3600) * 1000;
  let closed = false;
  let signedOut: SignedOutNotice | null = null;

  const readSession = (): StoredSession | null => {
    const session = store.state.session();
    if (session && Date.parse(session.expiresAt) + graceMs <= clock()) {
      store.state.clearSession();
      signedOut = { reason: 'offline_grace_over', graceHours: graceMs / 3_600_000 };
      logger.warn('session past the offline grace: signed out', { expiresAt: session.expiresAt, graceHours: signedOut.graceHours });
      // An open window is told now, not at its next call, and shows why. Deferred: this
      // runs inside the sync client's own token() read.
      const notice = signedOut;
      queueMicrotask(() => {
        sync.stop();
        fleet.stop();
        events.emit('session.changed', { user: null, signedOut: notice });
      });
      return null;
    }
    return session;
  };

  const outbox = createOutbox(store.db);
  const receipts = createReceiptUploader({
    db: () => store.db, server, logger,
    session: () => { const s = readSession(); return s ? { token: s.token, userId: s.user.id } : null; },
  });
  const sync = createSyncClient({
    store, server, logger, outbox,
    token: () => readSession()?.token ?? null,
    userId: () => readSession()?.user.id ?? null,
    user: () => readSession()?.user ?? null,
    ...(options.workingSetLimit ? { workingSetLimit: options.workingSetLimit } : {}),
    onDataChanged: () => events.emit('data.changed', {}),
    live: options.live ?? true,
    onLiveMessage: ((cc, floor) => (message: unknown) => { cc(message); floor(message); })(relayContactCenterPush(events, logger), relayFloorPush(events)),
    ...(options.syncTimeoutSeconds ? { requestTimeoutMs: options.syncTimeoutSeconds * 1000 } : {}),
    onUnauthenticated: (reason) => {
      setSession(null);
      // The sign-in screen says why (in the agent's language): disabled, password reset, signed out by an admin.
      if (reason) {
        signedOut = { reason };
        events.emit('session.changed', { user: null, signedOut });
      }
    },
    // Deferred: this runs inside the sync run that heard the order, which wipe waits out.
    onWipeOrdered: () => setImmediate(() => void wipeLocalData()),
    onStatus: (status) => {
      events.emit('sync.status', status);
      // The server answered: receipts spooled offline go up now (pipeline/receipt-uploader.ts).
      if (status.state === 'idle') void receipts.drain();
    },
    intervalMs: (options.syncIntervalSeconds ?? DEFAULT_SYNC_INTERVAL_MS / 1000) * 1000,
    pullLimit: options.pullLimit,
    ...(options.bulkSliceRows ? { bulkSliceRows: options.bulkSliceRows } : {}),
    ...(options.pullWire ? { wire: options.pullWire } : {}),
  });

  // Registration at sign-in and a heartbeat every 60 s for the fleet view, with the
  // updater's state (read at each beat; `updates` is made below, before any beat can run)
  // and a beat at once on each update step (onUpdateStep below).
  const fleet = createDesktopHeartbeat({
    dataDir: options.dataDir, appVersion: options.appVersion, host: options.host, server, logger, clock,
    token: () => readSession()?.token ?? null,
    lastSyncAt: () => sync.status().lastSyncAt,
    updateState: () => updates.state(),
  });

  const playback = createRecordingPlayback({
    server, logger, session: readSession, clock,
    baseUrl: options.playbackBaseUrl ?? BROWSER_PLAYBACK_PATH,
  });

  function setSession(session: StoredSession | null): void {
    signedOut = null;
    playback.forgetLinks();
    if (session) {
      store.state.saveSession(session);
      sync.start();
      fleet.start();
    } else {
      store.state.clearSession();
      sync.stop();
      fleet.stop();
    }
    events.emit('session.changed', { user: session?.user ?? null });
  }

  /**
   * An admin's wipe order (the server refused a pull with WIPE_ORDERED and revoked the
   * session): the cached rows, outbox, session and spooled recordings are deleted and the
   * agent is signed out; core keeps running on the emptied cache.
   */
  async function wipeLocalData(): Promise<void> {
    if (closed) return;
    sync.stop();
    fleet.stop();
    await sync.idle();
    playback.forgetLinks();
    try {
      softphone.wipeSpool();
      await imports.discardAll();
      await releases.discardAll();
      store.wipe();
    } catch (error) { // still signed out; the order is logged for the operator to finish by hand
      logger.error('wipe order: local data could not all be deleted', { error: error instanceof Error ? error.stack : String(error) });
      store.state.clearSession();
    }
    signedOut = { reason: 'cache_wiped' };
    logger.warn('local cache and recordings wiped on an admin order; signed out');
    events.emit('session.changed', { user: null, signedOut });
    events.emit('data.changed', {});
  }

  // The heartbeat read the install id once; the update feed is keyed by the same one.
  const installId = fleet.installId;
  const updates = createUpdatesController({
    port: options.updater ?? null,
    appVersion: options.appVersion,
    dataDir: options.dataDir,
    // No server set yet (first start): no feed to check.
    feedUrl: () => options.updateFeedUrl ?? (server.currentUrl() ? feedUrlFor(server.currentUrl(), installId) : null),
    outboxPending: () => outbox.pendingCount(),
    importing: () => imports.busy(),
    logger: createLogger('core-updates'),
    onChange: (status) => events.emit('updates.changed', status),
    clock,
    ...(options.updateCheckHours ? { checkIntervalMs: options.updateCheckHours * 3_600_000 } : {}),
  });
  // The outbox's count travels in every sync status: a flushed outbox may be the quiet moment.
  events.subscribe((event) => { if (event === 'sync.status') updates.outboxChanged(); });

  /** Hears each update step: a change of phase, version or error (not each percent of a download). */
  function onUpdateStep(listener: (state: UpdateState | null) => void): () => void {
    let last = '';
    return events.subscribe((event) => {
      if (event !== 'updates.changed') return;
      const state = updates.state();
      const step = JSON.stringify([state?.phase, state?.version, state?.error, state?.waitingFor]);
      if (step === last) return;
      last = step;
      listener(state);
    });
  }
  // The fleet view follows a roll-out as it happens: a heartbeat at each update step.
  onUpdateStep(() => fleet.reportNow());

  const ctx: CoreContext = {
    options, store, server, sync, events, logger, outbox, updates,
    mutate(name, args, applyLocally, mutateOptions = {}) {
      const author = ctx.requireSession().user;
      const result = outbox.mutate(name, args, author, { now: clock, ...mutateOptions, ...(applyLocally ? { applyLocally } : {}) });
      sync.pushSoon();
      return result;
    },
    session: readSession,
    requireSession: () => {
      const session = readSession();
      if (!session) throw new SapaError('UNAUTHENTICATED', 'Not signed in, or the session has expired');
      return session;
    },
    setSession,
    signedOut: () => signedOut,
  };

  const imports = createImportHandlers(options.dataDir);
  const releases = createReleaseHandlers(options.dataDir);
  const softphone = createSoftphoneHandlers(ctx);
  const cobrowse = createCobrowseHandlers();
  const handlers: HandlerMap<MethodName> = {
    ...appSettingsHandlers, ...authHandlers, ...syncHandlers, ...refusedChangeHandlers, ...customerHandlers, ...customerUpdateHandlers,
    ...noteHandlers, ...callbackHandlers, ...caseHandlers(), ...orderHandlers(), ...imports.handlers,
    ...noteHandlers, ...callbackHandlers, ...caseHandlers(), ...caseBoardHandlers, ...messagingChannelHandlers, ...salesHandlers, ...reportHandlers,
    ...imports.handlers,
    ...softphone.handlers, ...createPlaybackHandlers(playback), ...repliesHandlers, ...homeHandlers,
    ...auditLogHandlers, ...fleetHandlers, ...leadInteractionHandlers, ...floorHandlers, ...receivableHandlers, ...integrationHandlers, ...qualityHandlers, ...adminUserHandlers, ...releases.handlers, ...updatesHandlers, ...orgHandlers,
    ...contactCenterHandlers, ...cobrowse.handlers, ...pipelineHandlers(receipts),
    ...webchatHandlers,
    ...createServerSetupHandlers({ dataDir: options.dataDir, server, initial: serverChoice.status, logger }),
  };

  async function callByName(method: string, rawInput: unknown): Promise<unknown> {
    if (closed) throw new SapaError('INTERNAL', 'Core is closed');
    if (!isMethodName(method)) throw new SapaError('INVALID_INPUT', `Unknown method "${method}"`, { method });
    const parsed = methods[method].input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      throw new SapaError('INVALID_INPUT', `Invalid input for ${method}`, { issues: describeZodIssues(parsed.error) });
    }
    checkAccess(method, readSession()?.user.role ?? null);
    const handler = handlers[method] as Handler<MethodName>;
    try {
      return await handler(parsed.data as never, ctx);
    } catch (error) {
      if (error instanceof SapaError) throw error;
      logger.error('handler failed', { method, error: error instanceof Error ? error.stack : String(error) });
      throw new SapaError('INTERNAL', `${method} failed unexpectedly`);
    }
  }

  // A session that survived a restart resumes syncing at once.
  if (readSession()) {
    sync.start();
    fleet.start();
  }
  updates.start();

  return {
    call: (method, rawInput) => callByName(method, rawInput) as Promise<never>,
    callByName,
    on(event, listener) {
      return events.subscribe((name, payload) => {
        if ((name as EventName) === event) (listener as (payload: unknown) => void)(payload);
      });
    },
    onAny: (listener) => events.subscribe(listener),
    updates: {
      state: () => updates.state(),
      onChange: onUpdateStep,
    },
    playback: {
      open: (request) => (closed ? Promise.resolve(errorAnswer(503, 'INTERNAL', 'Sapa is shutting down')) : playback.open(request)),
    },
    async close() {
      if (closed) return;
      closed = true;
      updates.stop();
      playback.forgetLinks();
      sync.stop();
      fleet.stop();
      // A run in flight would touch the cache after it is closed.
      await Promise.all([sync.idle(), fleet.idle()]);
      softphone.close();
      cobrowse.close();
      await imports.discardAll();
      await releases.discardAll();
      store.close();
    },
  };
}
