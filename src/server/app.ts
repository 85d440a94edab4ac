// The server as a library: buildServer() wires routes onto a Fastify instance;
// startServer() also opens the database and listens (used by main.ts and by other
// parts' tests, which start the real server in-process).
import rateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance } from 'fastify';
import { API_PREFIX } from '../shared/http.js';
import { registerAuthRoutes } from './auth/routes.js';
import { type ServerConfig, resolveConfig } from './config.js';
import { registerCustomerRoutes } from './customers/routes.js';
import { type Db } from './db/db.js';
import { openDb } from './db/open.js';
import { createReplayGate } from './live/replay-gate.js';
import { installErrorHandling } from './http/errors.js';
import { errorForLog, requestForLog } from './http/log-redaction.js';
import { installRequestClasses } from './http/request-class-hook.js';
import { routeRegistrar } from './http/route.js';
import { registerImportRoutes } from './imports/routes.js';
import { createCobrowseRelay } from './cobrowse/relay.js';
import { registerCobrowseRoutes, widgetDirFromEnv } from './cobrowse/routes.js';
import { createLiveHub } from './live/live-hub.js';
import { startScopeSweep } from './sync/working-scope.js';
import { messagingConfigFromEnv, type MessagingConfig } from './messaging/config.js';
import { registerMessagingRoutes } from './messaging/routes.js';
import { registerMessagingChannelRoutes } from './messaging/channels/routes.js';
import { registerReplyRoutes } from './replies/routes.js';
import { registerSyncRoutes } from './sync/routes.js';
import { registerAgentRoutes } from './agents/routes.js';
import { registerAdminRoutes } from './admin/routes.js';
import { registerAdminUserRoutes } from './admin/users/routes.js';
import { signOutEverywhere } from './auth/sign-out-everywhere.js';
import { openRevocationChannel } from './auth/revocation-channel.js';
import { createSessionCache } from './auth/session-cache.js';
import { sessionCheck } from './auth/session-check.js';
import { startSessionSweep } from './auth/session-sweep.js';
import { registerAuditRoutes } from './admin/audit-log.js';
import { registerDataAccessRoutes } from './data-access/routes.js';
import { registerDeviceRoutes } from './devices/routes.js';
import { createHeartbeatBatch } from './fleet/heartbeat-batch.js';
import { registerFleetRoutes } from './fleet/routes.js';
import { registerLeadInteractionRoutes } from './lead-interactions/routes.js';
import { recordingsDirFromEnv, registerRecordingRoutes } from './recordings/routes.js';
import { registerCallRoutes } from './calls/routes.js';
import { registerCaseRoutes } from './cases/routes.js';
import { registerReportRoutes } from './reports/routes.js';
import { startReportFolds } from './reports/fold-job.js';
import { reportScheduler, type ReportScheduler } from './reports/schedules.js';
import { caseClock, caseEscalationScheduler } from './cases/escalation.js';
import { registerCaseBoardRoutes } from './cases/board.js';
import { registerCaseSlaRoutes } from './cases/sla.js';
import { caseMessageDispatcher, type CaseMessageDispatcher } from './cases/case-messages.js';
import { sipConfigFromEnv } from './sip/config.js';
import { extensionOf } from './sip/extensions.js';
import { sipRevoker } from './sip/revoker.js';
import { registerSipRoutes } from './sip/routes.js';
import { registerUpdateRoutes } from './updates/routes.js';
import { releasesDirFromEnv } from './updates/storage.js';
import { registerOrgRoutes } from './org/routes.js';
import { registerServerSettingsRoutes } from './settings/routes.js';
import { phoneReport, touchPresence } from './contact-center/agent-commands.js';
import { createContactCenter, type ContactCenter, type ContactCenterOptions } from './contact-center/contact-center.js';
import { sipBridgeConfigFromEnv } from './contact-center/sip-bridge/config.js';
import { startSipBridges } from './contact-center/sip-bridge/start.js';
import { registerContactCenterRoutes } from './contact-center/routes.js';
import { createFloorNotifier } from './floor/floor-notifier.js';
import { registerFloorRoutes } from './floor/routes.js';
import { createMonitorService } from './floor/monitor.js';
import { callbackTaskScheduler } from './callbacks/callback-tasks.js';
import { emailTaskSource } from './messaging/email-task-source.js';
import { createServerSettings } from './settings/server-settings.js';
import { type QualityOptions } from './quality/context.js';
import { registerQualityRoutes } from './quality/routes.js';
import { registerIntegrationRoutes } from './integrations/routes.js';
import { registerReceivableRoutes } from './receivables/routes.js';
import { registerOrderRoutes } from './orders/routes.js';
import { registerProspectRoutes } from './sales/prospects/routes.js';
import { registerPortfolioRoutes } from './sales/portfolio/routes.js';
import { registerTelesalesRoutes } from './sales/telesales/routes.js';
import { registerPipelineRoutes } from './pipeline/routes.js';
import { createWebchat, type WebchatOptions } from './webchat/index.js';
import { registerWidgetAssets } from './webchat/assets.js';
import { startSamplingSchedule } from './quality/sampling-job.js';

export interface BuildServerOptions {
  db: Db;
  config?: Partial<ServerConfig>;
  /** PostgreSQL URL for the live channel's LISTEN (pokes from other instances); absent → this instance only. */
  databaseUrl?: string;
  /** Messaging settings (SMTP relay, SMS gateway, SMTP ingress); absent → from the environment. */
  messaging?: MessagingConfig;
  /** Where the log lines go (one JSON object per line); absent → stdout. */
  logStream?: { write(line: string): void };
  /** The contact-center router's timings (tests shorten them); absent → the defaults. */
  /** Web chat budgets (the bench raises them: its thousand chats come from one address). */
  webchat?: WebchatOptions;
  contactCenter?: Pick<ContactCenterOptions, 'presenceTimeoutSec' | 'routeEveryMs' | 'reconcileEveryMs' | 'clock'>;
  /** Quality evaluations' clock (tests close a dispute window); absent → the system clock. */
  quality?: QualityOptions;
}

const contactCenters = new WeakMap<FastifyInstance, ContactCenter>();
/** The router of a built server: the SIP bridge and the mail/call-back sources use its ports. */
export function contactCenterOf(app: FastifyInstance): ContactCenter {
  const cc = contactCenters.get(app);
  if (!cc) throw new Error('not a Sapa server');
  return cc;
}

/** Desktops with a live socket here count as present for the router this often. */
const PRESENCE_TICK_MS = 3_000;

export function buildServer({ db, config: partial, databaseUrl, messaging, logStream, contactCenter, quality, webchat: webchatOptions }: BuildServerOptions): FastifyInstance {
  const config = resolveConfig(partial);
  const app = Fastify({
    logger: config.logLevel === false ? false : {
      level: config.logLevel,
      // No phone numbers, names or search terms in the logs (log-redaction.ts).
      serializers: { req: requestForLog, err: errorForLog },
      ...(logStream ? { stream: logStream } : {}),
    },
    // Ordinary JSON bodies are small; the CSV import route sets its own, larger limit.
    bodyLimit: 1024 * 1024,
    trustProxy: config.trustProxy,
    // electron-updater's differential download asks for up to 1000 byte ranges in one Range
    // header (~25 KB); Node's default 16 KB header limit would refuse it with 431.
    http: { maxHeaderSize: 64 * 1024 },
  });
  installErrorHandling(app);
  installRequestClasses(app);
  // Budgets only where a route asks for one (the sign-in route, auth/rate-limit.ts).
  void app.register(rateLimit, { global: false, cache: 10_000 });
  // Live pokes (WebSocket /api/v1/sync/live) ride on the same HTTP server.
  // With a read replica, a poke waits until the replica has the write (live/replay-gate.ts).
  const gate = db.replica ? createReplayGate(db, db.replica, { maxWaitMs: config.readReplica.pokeWaitMs, pollMs: config.readReplica.pollMs }) : undefined;
  const live = createLiveHub(db, databaseUrl, gate);
  // Browser sharing's customer and agent sockets (cobrowse/relay.ts) ride on it too; the
  // allowed site origins are read at each connection (settings are made just below).
  const cobrowse = createCobrowseRelay({
    db, allowedOrigins: async () => (await serverSettings.effective()).widgetOrigins,
    onError: (err) => app.log.warn({ err }, 'browser sharing'),
  });
  app.server.on('upgrade', (request, socket, head) => {
    if (!live.handleUpgrade(request, socket, head) && !cobrowse.handleUpgrade(request, socket, head)) socket.destroy();
  });
  app.addHook('preClose', async () => cobrowse.close());
  // preClose: live sockets are upgraded connections the HTTP server would wait for forever.
  app.addHook('preClose', async () => live.close());
  // SIP credential revocation (sign-out, extension moves) and its periodic resync to the proxies.
  const sipConfig = sipConfigFromEnv();
  const revoker = sipRevoker(db, sipConfig, app.log);
  const messagingConfig = messaging ?? messagingConfigFromEnv();
  // Settings an admin changes at run time over what the environment said (migration 015).
  const serverSettings = createServerSettings(db, sipConfig, messagingConfig);
  app.addHook('onReady', async () => revoker.start());
  // Routine heartbeats wait a few seconds to be written together; written before the database closes.
  const heartbeats = createHeartbeatBatch(db, { flushMs: config.heartbeatFlushMs });
  app.addHook('onClose', async () => heartbeats.close());
  app.addHook('onClose', async () => revoker.stop());
  // The contact-center router (src/server/contact-center/): its loop runs on every instance;
  // offers and state changes reach the agent's live socket on whichever instance holds it.
  const cc = createContactCenter({
    db, ...(databaseUrl ? { databaseUrl } : {}), ...contactCenter,
    onError: (err) => app.log.warn({ err }, 'contact-center router'),
  });
  contactCenters.set(app, cc);
  cc.onPush((userId, push) => live.sendToUser(userId, push));
  // The leads' live floor: a debounced "floor changed" to their sockets (floor/floor-notifier.ts).
  const floorNotifier = createFloorNotifier({
    db, bus: cc.ctx.bus, live, clock: cc.ctx.clock, onError: (err) => app.log.warn({ err }, 'floor notifier'),
  });
  app.addHook('preClose', async () => floorNotifier.close());
  // Listen, whisper, barge: sessions decided and audited here, told to both desktops over the bus.
  const monitor = createMonitorService(db, cc.ctx.bus);
  const stopMonitorPushes = cc.ctx.bus.subscribe((m) => {
    if (m.k === 'monitor') for (const userId of m.userIds) live.sendToUser(userId, m.push);
  });
  app.addHook('preClose', async () => { stopMonitorPushes(); });
  // The task sources beside it: due call-backs become tasks (a sweep on every instance,
  // idempotent); inbound mail is queued by the SMTP ingress below (emailTaskSource).
  const callbackTasks = callbackTaskScheduler(db, cc.intake, (err) => app.log.warn({ err }, 'call-back task source'));
  // Cases past their due time go to the team lead, then the next level (cases/escalation.ts).
  // Its clock is the system's; a test server (SAPA_TEST_CLOCK=1) may run it ahead (POST /test/clock).
  const casesClock = caseClock();
  // Web chat and call-me from the company's site (webchat/): chats are tasks in the same queue.
  const webchat = createWebchat(db, cc, serverSettings, () => casesClock.now(), webchatOptions);
  app.addHook('preClose', async () => webchat.hub.close());
  registerWidgetAssets(app);
  const caseEscalations = caseEscalationScheduler(db, (err) => app.log.warn({ err }, 'case escalation'), undefined, casesClock);
  // Case replies and status notifications are delivered after their push commits (cases/case-messages.ts).
  let caseMessages: CaseMessageDispatcher | null = null;
  // Reports mailed on schedule (reports/schedules.ts) on the same clock: setting the test clock sweeps them.
  let reportSchedules: ReportScheduler | null = null;
  casesClock.onSet(() => reportSchedules?.kick());
  // The SIP bridge (contact-center/sip-bridge/): each site's Kamailio queue (SAPA_SIP_BRIDGE)
  // ↔ the router. A malformed setting stops the start here, naming it.
  const bridgeConfig = sipBridgeConfigFromEnv();
  let stopBridges = (): void => undefined;
  app.addHook('onReady', async () => {
    if (sipConfig.secret) stopBridges = startSipBridges(cc.calls, bridgeConfig, sipConfig.secret, app.log);
    else if (bridgeConfig.sites.length) app.log.warn('SAPA_SIP_BRIDGE is set but SAPA_SIP_SECRET is not: no SIP bridge');
  });
  app.addHook('onClose', async () => stopBridges());
  // Quality sampling on a timer (quality/sampling-job.ts; also on demand, POST /quality/sampling/run).
  let sampling: { stop(): Promise<void> } | null = null;
  app.addHook('onReady', async () => {
    sampling = startSamplingSchedule(db, quality?.clock ?? (() => new Date()), quality?.samplingIntervalMs ?? 5 * 60_000,
      (err) => app.log.warn({ err }, 'quality sampling'));
  });
  app.addHook('onClose', async () => sampling?.stop());
  // The working-set scope maintained on write: settings at start, the periodic sweep (sync/working-scope.ts).
  const scopeSweep = startScopeSweep(db, (err) => app.log.warn({ err }, 'working-set scope sweep'));
  app.addHook('onReady', async () => scopeSweep.start());
  app.addHook('onClose', async () => scopeSweep.stop());
  // The report rollups folded in the background (reports/fold-job.ts; reports also catch up before serving).
  let reportFolds: { stop(): Promise<void> } | null = null;
  app.addHook('onReady', async () => {
    reportFolds = startReportFolds(db, () => casesClock.now(), (err) => app.log.warn({ err }, 'report rollups'));
  });
  app.addHook('onClose', async () => reportFolds?.stop());
  let presenceTick: NodeJS.Timeout | null = null;
  app.addHook('onReady', async () => {
    cc.loop.start();
    callbackTasks.start();
    caseEscalations.start();
    caseMessages?.start();
    reportSchedules?.start();
    presenceTick = setInterval(() => {
      void touchPresence(cc.ctx, live.connectedUserIds()).catch((err: unknown) => app.log.warn({ err }, 'contact-center presence'));
    }, PRESENCE_TICK_MS);
    presenceTick.unref();
  });
  app.addHook('onClose', async () => {
    if (presenceTick) clearInterval(presenceTick);
    await callbackTasks.stop();
    await caseEscalations.stop();
    await caseMessages?.stop();
    await reportSchedules?.stop();
    await cc.close();
  });
  // The session check from memory, on PostgreSQL only: there every instance hears every
  // revocation (LISTEN sapa_auth, migration 018) and the cache serves only while it does.
  const sessionCache = createSessionCache(config.sessionCache);
  const revocations = databaseUrl && config.sessionCache.ttlMs > 0
    ? openRevocationChannel(db, databaseUrl, sessionCache, app.log) : null;
  const sweep = revocations ? startSessionSweep(db, sessionCache, config.sessionCache.ttlMs, app.log) : null;
  const sessions = { settle: async () => revocations?.settle() };
  app.addHook('preClose', async () => {
    sweep?.stop();
    await revocations?.close();
  });
  // Every route comes from the shared route map (src/shared/routes.ts) through `register`,
  // which enforces the access the map declares and parses input with its schemas.
  void app.register(
    async (api) => {
      const register = routeRegistrar(api, db, sessionCheck(db, sessionCache));
      register('health', async () => ({ ok: true, engine: db.engine }));
      const signOutHooks = {
        live,
        sessions,
        async signedOut(userId: string) {
          const extension = await extensionOf(db, userId);
          if (extension) await revoker.revoke(extension, 'signed out');
        },
      };
      registerAuthRoutes(api, register, db, config, signOutHooks);
      registerCustomerRoutes(register, db);
      registerSyncRoutes(register, db, live, () => caseMessages?.kick());
      registerImportRoutes(api, register, db, config);
      // Softphone: SIP credentials + extensions, agent status, call wrap-ups, recordings.
      registerSipRoutes(register, db, sipConfig, revoker, serverSettings);
      // Reply library and messaging: e-mail/SMS sending, inbound e-mail, SLA.
      registerReplyRoutes(register, db);
      const messagingCtx = registerMessagingRoutes(api, register, db, messagingConfig, serverSettings);
      messagingCtx.onInbound = emailTaskSource(db, cc.intake);
      // SMS and WhatsApp conversations: webhooks, the agent's answer, templates (messaging/channels/).
      registerMessagingChannelRoutes(api, register, { db, router: cc.ctx, transports: messagingCtx.transports });
      caseMessages = caseMessageDispatcher(messagingCtx, (err) => app.log.warn({ err }, 'case messages'));
      reportSchedules = reportScheduler(db, () => casesClock.now(), () => messagingCtx.live(), (err) => app.log.warn({ err }, 'report schedules'));
      registerAgentRoutes(register, db, async (userId, status) => {
        await phoneReport(cc.ctx, userId, status);
        // Off the call: a lead listening to it is off it too (their desktop hears it ended).
        if (status !== 'on_call') await monitor.agentCallEnded(userId);
        // The floor offers listen/whisper/barge on agents whose phone is on a call.
        floorNotifier.changed();
      });
      registerCallRoutes(register, db, serverSettings);
      registerCaseRoutes(register, db);
      // SLA targets per category × tier, assignment, the team queue and the lead's case board.
      registerCaseSlaRoutes(register, db);
      registerCaseBoardRoutes(register, db, casesClock, process.env.SAPA_TEST_CLOCK === '1');
      registerRecordingRoutes(api, register, db, recordingsDirFromEnv());
      // Working-set scope of users: branch and queues.
      registerAdminRoutes(register, db);
      // The Users screen: create, edit, disable (signed out everywhere), reset password, CSV.
      registerAdminUserRoutes(register, db, { revoker, signOutEverywhere: signOutEverywhere(db, signOutHooks), argon2: config.argon2, settleSessions: sessions.settle });
      registerAuditRoutes(register, db);
      // Data minimisation: full replication, the lookup throttle, flagged users.
      registerDataAccessRoutes(register, db);
      // Wipe orders for desktops' local caches.
      registerDeviceRoutes(register, db);
      // Organisation (sites, branches, teams, queues, skills, dispositions) and server settings.
      registerOrgRoutes(register, db);
      registerServerSettingsRoutes(register, db, serverSettings);
      // The desktop fleet: heartbeats and the admins' view.
      registerFleetRoutes(register, db, heartbeats);
      registerLeadInteractionRoutes(register, db);
      // Releases, rings and the per-desktop electron-updater feed.
      registerUpdateRoutes(api, register, db, releasesDirFromEnv());
      // The contact center: agent state, offers, my queue, my tasks.
      registerContactCenterRoutes(register, cc);
      // The lead's live floor (floor/).
      registerFloorRoutes(register, cc, monitor);
      // Quality forms and evaluations: versions, scores, acknowledgements, disputes, re-scores.
      registerQualityRoutes(register, db, quality);
      // Feeds from the systems of record (integration API keys) and the collectors' receivables.
      registerIntegrationRoutes(register, db);
      registerReceivableRoutes(register, db, messagingCtx);
      registerOrderRoutes(register, db);
      // Browser sharing: the agent's session request and the customer-side script (cobrowse/).
      registerCobrowseRoutes(api, register, db, widgetDirFromEnv(), (userId, chatId, customerId, code) => webchat.offerCobrowse(userId, chatId, customerId, code));
      // The sales module: prospects, portfolio, telesales (docs/sales.md).
      registerProspectRoutes(register, db);
      registerPortfolioRoutes(register, db);
      registerTelesalesRoutes(register, db);
      // Sales: budgets, visits, the pipeline (docs/sales.md).
      registerPipelineRoutes(register, db);
      // Reports: service and complaints from their rollups, exports, schedules (reports/).
      registerReportRoutes(register, db, () => casesClock.now());
      webchat.register(api, register, messagingCtx);
    },
    { prefix: API_PREFIX },
  );
  return app;
}

export interface StartServerOptions {
  databaseUrl?: string;
  /** A streaming replica of databaseUrl for pulls, lookups and search (DATABASE_READ_URL, db/read-db.ts). */
  databaseReadUrl?: string;
  /** PGlite data folder (when no databaseUrl); absent → in-memory. */
  dataDir?: string;
  port?: number;
  host?: string;
  /** Seed demo users and this many demo customers when the database has no users yet. */
  seedDemo?: { customers: number; seed?: number; interactionsMean?: number; catalogue?: boolean };
  config?: Partial<ServerConfig>;
  /** Messaging settings; absent → from the environment. */
  messaging?: MessagingConfig;
  contactCenter?: BuildServerOptions['contactCenter'];
  quality?: BuildServerOptions['quality'];
  webchat?: BuildServerOptions['webchat'];
  /** Where the log lines go; absent → stdout (when config.logLevel is set). */
  logStream?: { write(line: string): void };
}

export interface RunningServer {
  /** Base URL without the API prefix, e.g. http://127.0.0.1:4010 */
  url: string;
  db: Db;
  app: FastifyInstance;
  close(): Promise<void>;
}

export async function startServer(options: StartServerOptions = {}): Promise<RunningServer> {
  const db = await openDb({
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
    ...(options.databaseReadUrl ? { databaseReadUrl: options.databaseReadUrl } : {}),
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
  });
  try {
    if (options.seedDemo) {
      const [row] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
      if ((row?.n ?? 0) === 0) {
        // Loaded only when seeding: a server on PostgreSQL never loads the demo generator.
        const { seedDemo } = await import('./seed/seed-demo.js');
        await seedDemo(db, options.seedDemo);
      }
    }
    const app = buildServer({
      db, config: { logLevel: false, ...options.config },
      ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
      ...(options.messaging ? { messaging: options.messaging } : {}),
      ...(options.logStream ? { logStream: options.logStream } : {}),
      ...(options.contactCenter ? { contactCenter: options.contactCenter } : {}),
      ...(options.quality ? { quality: options.quality } : {}),
      ...(options.webchat ? { webchat: options.webchat } : {}),
    });
    await app.listen({ port: options.port ?? 0, host: options.host ?? '127.0.0.1' });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    const host = options.host ?? '127.0.0.1';
    let closed = false;
    return {
      url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
      db,
      app,
      async close() {
        if (closed) return;
        closed = true;
        await app.close();
        await db.close();
      },
    };
  } catch (err) {
    await db.close();
    throw err;
  }
}
