// The desktop's update, as core runs it: checks the feed at start and every few hours
// (jittered), downloads what it offers, and installs only when safeToInstall says so —
// asking the agent at a quiet moment, or by itself for a mandatory update past its
// deadline. The shell behind the UpdaterPort only carries out. Every step is an
// UpdateState that the heartbeat reports to the fleet view.
//
//   idle → checking → not-available
//                   → available → downloading % → downloaded ⇄ deferred → installing
//   installing → (restart) → installed, or failed with the error; any step → failed
import { type UpdatesStatus, type UpdateActivity, type UpdatePrompt } from '../../../shared/updates-api.js';
import { type UpdateState } from '../../../shared/updates.js';
import { type Logger } from '../logger.js';
import {
  clearPendingInstall, installOutcome, readPendingInstall, writePendingInstall,
} from './pending-install.js';
import { type OfferedUpdate, type UpdaterPort, type UpdaterPortEvent } from './port.js';
import { safeToInstall, type BlockReason, type InstallDecision } from './safe-to-install.js';
import { forgetWaitingUpdate, readWaitingUpdate, rememberWaitingUpdate } from './waiting-update.js';
import { DEFAULT_CHECK_INTERVAL_MS, FIRST_CHECK_WINDOW_MS, firstCheckDelay, nextCheckDelay } from './schedule.js';

/** "Later" hides the notice this long. */
export const LATER_MS = 2 * 3_600_000;
/** While an update waits, the decision is taken again this often (typing goes quiet, a deadline passes). */
export const REEVALUATE_MS = 15_000;
/**
 * An update that was downloaded in an earlier run and is still waiting is installed without
 * asking when a quiet moment comes this soon after start: "install at next start".
 */
export const START_INSTALL_WINDOW_MS = 3 * 60_000;
const MAX_ERROR = 500;

export interface UpdatesControllerOptions {
  /** null: this desktop has no updater (status says disabled). */
  port: UpdaterPort | null;
  appVersion: string;
  dataDir: string;
  /** The feed of this desktop on the server that answers now (null: none known). */
  feedUrl: () => string | null;
  outboxPending: () => number;
  /** Core's own imports in flight (the renderer reports the server-side part). */
  importing: () => boolean;
  logger: Logger;
  onChange: (status: UpdatesStatus) => void;
  clock?: () => number;
  random?: () => number;
  checkIntervalMs?: number;
  firstCheckWindowMs?: number;
}

export interface UpdatesController {
  start(): void;
  status(): UpdatesStatus;
  /** What the heartbeat sends (null before anything happened). */
  state(): UpdateState | null;
  reportActivity(activity: UpdateActivity): void;
  /** Core's own outbox changed: take the decision again. */
  outboxChanged(): void;
  checkNow(): Promise<void>;
  restartNow(): { ok: true } | { ok: false; reasons: BlockReason[] };
  later(): void;
  stop(): void;
}

interface Downloaded extends OfferedUpdate {
  downloadedAt: number;
  source: string | null;
  /** Downloaded in an earlier run and still not installed: installs at this start when quiet. */
  carriedOver: boolean;
}

export function createUpdatesController(o: UpdatesControllerOptions): UpdatesController {
  const clock = o.clock ?? Date.now;
  const random = o.random ?? Math.random;
  const startedAt = clock();
  let state: UpdateState | null = null;
  let offered: OfferedUpdate | null = null;
  let downloaded: Downloaded | null = null;
  let prompt: UpdatePrompt | null = null;
  let busy: 'check' | 'download' | 'install' | null = null;
  let lastCheckAt: number | null = null;
  let postponedUntil: number | null = null;
  let activity = { call: 'none' as UpdateActivity['call'], lastKeystrokeAt: null as number | null, unsavedDraft: false, importing: false };
  let checkTimer: ReturnType<typeof setTimeout> | null = null;
  let tick: ReturnType<typeof setInterval> | null = null;
  let unsubscribe: (() => void) | null = null;
  let stopped = false;

  const iso = (ms: number) => new Date(ms).toISOString();

  function status(): UpdatesStatus {
    return {
      currentVersion: o.appVersion, enabled: o.port !== null, state, prompt,
      lastCheckAt: lastCheckAt === null ? null : iso(lastCheckAt),
    };
  }

  function setState(next: Omit<UpdateState, 'at'>): void {
    state = { ...next, at: iso(clock()) };
    o.onChange(status());
  }

  function fail(message: string, version?: string): void {
    busy = null;
    o.logger.warn('update step failed', { error: message, version });
    setState({ phase: 'failed', ...(version ? { version } : {}), error: message.slice(0, MAX_ERROR) });
  }

  function decide(d: Downloaded): InstallDecision {
    const now = clock();
    return safeToInstall({
      now, call: activity.call, outboxPending: o.outboxPending(), lastKeystrokeAt: activity.lastKeystrokeAt,
      unsavedDraft: activity.unsavedDraft, importing: activity.importing || o.importing(), downloadedAt: d.downloadedAt,
      mandatoryAfter: d.mandatoryAfter === null ? null : Date.parse(d.mandatoryAfter), postponedUntil,
    });
  }

  function install(d: Downloaded, why: string): void {
    busy = 'install';
    prompt = null;
    forgetWaitingUpdate(o.dataDir);
    writePendingInstall(o.dataDir, { version: d.version, fromVersion: o.appVersion, requestedAt: iso(clock()), source: d.source });
    o.logger.info('installing update', { version: d.version, why });
    setState({ phase: 'installing', version: d.version, ...common(d) });
    try {
      o.port!.install();
    } catch (error) {
      clearPendingInstall(o.dataDir);
      fail(error instanceof Error ? error.message : String(error), d.version);
    }
  }

  function common(d: Downloaded) {
    return { ...(d.source ? { source: d.source } : {}), ...(d.mandatoryAfter ? { mandatoryAfter: d.mandatoryAfter } : {}) };
  }

  /** Takes the decision for the downloaded update and acts on it. */
  function evaluate(): void {
    const d = downloaded;
    if (!d || busy === 'install' || stopped) return;
    const decision = decide(d);
    // Quitting may install only what a restart now could: the outbox sent, no import.
    o.port?.setInstallOnQuit(o.outboxPending() === 0 && !(activity.importing || o.importing()));
    if (decision.verdict === 'install') {
      install(d, decision.waitedOut.length > 0 ? `mandatory, waited out ${decision.waitedOut.join(', ')}` : 'mandatory, past its deadline');
      return;
    }
    if (decision.verdict === 'ask') {
      if (d.carriedOver && clock() - startedAt < START_INSTALL_WINDOW_MS) {
        install(d, 'downloaded in an earlier run: installs at start');
        return;
      }
      const next: UpdatePrompt = { version: d.version, mandatoryAfter: d.mandatoryAfter };
      const changed = state?.phase !== 'downloaded' || prompt?.version !== next.version;
      prompt = next;
      if (changed) setState({ phase: 'downloaded', version: d.version, ...common(d) });
      return;
    }
    const reasons = decision.reasons;
    const same = state?.phase === 'deferred' && prompt === null && state.waitingFor?.join() === reasons.join();
    prompt = null;
    if (!same) setState({ phase: 'deferred', version: d.version, waitingFor: reasons, ...common(d) });
  }

  function onPortEvent(event: UpdaterPortEvent): void {
    if (stopped) return;
    switch (event.type) {
      case 'checking':
        // A re-check while an update waits leaves the notice and the state as they are.
        if (!downloaded) setState({ phase: 'checking' });
        return;
      case 'not-available':
        busy = null;
        if (downloaded) {
          // Paused or rolled back on the server: the waiting update is not installed.
          o.logger.info('the feed no longer offers the downloaded update', { version: downloaded.version });
          downloaded = null;
          prompt = null;
          o.port?.setInstallOnQuit(false);
          forgetWaitingUpdate(o.dataDir);
        }
        setState({ phase: 'not-available', version: event.version ?? o.appVersion });
        return;
      case 'available':
        offered = event.update;
        if (downloaded && downloaded.version === event.update.version) {
          // Same release again: the shell finds its cached file and says downloaded at once.
          busy = 'download';
          void o.port!.download().catch((error: unknown) => fail(String(error), event.update.version));
          return;
        }
        downloaded = null;
        prompt = null;
        busy = 'download';
        setState({ phase: 'available', version: event.update.version, ...(event.update.mandatoryAfter ? { mandatoryAfter: event.update.mandatoryAfter } : {}) });
        void o.port!.download().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error), event.update.version));
        return;
      case 'progress': {
        if (downloaded) return;
        const percent = Math.max(0, Math.min(100, Math.round(event.percent)));
        if (state?.phase === 'downloading' && state.percent === percent) return; // whole percents only
        setState({
          phase: 'downloading', percent,
          ...(offered ? { version: offered.version } : {}),
          ...(offered?.mandatoryAfter ? { mandatoryAfter: offered.mandatoryAfter } : {}),
        });
        return;
      }
      case 'downloaded': {
        busy = null;
        const previous = downloaded?.version === event.update.version ? downloaded : null;
        const carried = carriedOverVersion === event.update.version;
        carriedOverVersion = null;
        downloaded = {
          ...event.update, source: event.source,
          downloadedAt: previous?.downloadedAt ?? clock(), carriedOver: previous?.carriedOver ?? carried,
        };
        rememberWaitingUpdate(o.dataDir, downloaded.version);
        o.logger.info('update downloaded', { version: downloaded.version, source: downloaded.source, mandatoryAfter: downloaded.mandatoryAfter });
        evaluate(); // sets downloaded (with the notice), deferred or installing
        return;
      }
      case 'error':
        if (downloaded && busy !== 'install') {
          // The feed could not be read again (or the cached file re-checked): the update
          // already here still waits.
          busy = null;
          o.logger.warn('update re-check failed', { error: event.message });
          return;
        }
        if (busy === 'install') clearPendingInstall(o.dataDir);
        fail(event.message, downloaded?.version ?? offered?.version);
        return;
    }
  }

  // The previous run downloaded this version and did not install it (the cached file is
  // found again by the first check): it installs at this start at the first quiet moment.
  let carriedOverVersion: string | null = null;

  async function check(): Promise<void> {
    if (!o.port || stopped || busy !== null) return;
    const feedUrl = o.feedUrl();
    if (!feedUrl) return;
    busy = 'check';
    lastCheckAt = clock();
    try {
      await o.port.check(feedUrl);
    } catch (error) {
      if (busy === 'check') onPortEvent({ type: 'error', message: error instanceof Error ? error.message : String(error) });
    } finally {
      if (busy === 'check') busy = null;
    }
  }

  function scheduleCheck(delayMs: number): void {
    if (stopped) return;
    checkTimer = setTimeout(() => {
      void check().finally(() => scheduleCheck(nextCheckDelay(random(), o.checkIntervalMs ?? DEFAULT_CHECK_INTERVAL_MS)));
    }, delayMs);
    checkTimer.unref?.();
  }

  return {
    start() {
      const pending = readPendingInstall(o.dataDir);
      if (pending) {
        const outcome = installOutcome(pending, o.appVersion);
        clearPendingInstall(o.dataDir);
        const source = pending.source ? { source: pending.source } : {};
        if (outcome === 'installed') {
          o.logger.info('update installed', { version: pending.version, from: pending.fromVersion });
          setState({ phase: 'installed', version: pending.version, ...source });
        } else if (outcome === 'failed') {
          o.logger.warn('update did not install', { version: pending.version, still: o.appVersion });
          setState({
            phase: 'failed', version: pending.version, ...source,
            error: `The installer of ${pending.version} ran, but Sapa still runs ${o.appVersion}`,
          });
        }
      }
      carriedOverVersion = readWaitingUpdate(o.dataDir);
      if (carriedOverVersion === o.appVersion) {
        // It was waiting and got installed when the app quit (autoInstallOnAppQuit).
        forgetWaitingUpdate(o.dataDir);
        carriedOverVersion = null;
        if (!pending) {
          o.logger.info('update installed on quit', { version: o.appVersion });
          setState({ phase: 'installed', version: o.appVersion });
        }
      }
      if (!o.port) return;
      unsubscribe = o.port.onEvent(onPortEvent);
      tick = setInterval(evaluate, REEVALUATE_MS);
      tick.unref?.();
      scheduleCheck(firstCheckDelay(random(), o.firstCheckWindowMs ?? FIRST_CHECK_WINDOW_MS));
    },
    status,
    state: () => state,
    reportActivity(a) {
      const now = clock();
      activity = {
        call: a.call, lastKeystrokeAt: a.keystrokeAgoMs === null ? null : now - a.keystrokeAgoMs,
        unsavedDraft: a.unsavedDraft, importing: a.importing,
      };
      evaluate();
    },
    outboxChanged: evaluate,
    checkNow: check,
    restartNow() {
      const d = downloaded;
      if (!d || busy === 'install') return { ok: false, reasons: [] };
      // The agent chose it: "later" and the keystrokes before the click do not count.
      const decision = safeToInstall({
        now: clock(), call: activity.call, outboxPending: o.outboxPending(), lastKeystrokeAt: null,
        unsavedDraft: activity.unsavedDraft, importing: activity.importing || o.importing(), downloadedAt: d.downloadedAt,
        mandatoryAfter: null, postponedUntil: null,
      });
      if (decision.verdict === 'wait') return { ok: false, reasons: decision.reasons };
      install(d, 'the agent chose restart now');
      return { ok: true };
    },
    later() {
      postponedUntil = clock() + LATER_MS;
      evaluate();
    },
    stop() {
      stopped = true;
      if (checkTimer) clearTimeout(checkTimer);
      if (tick) clearInterval(tick);
      unsubscribe?.();
    },
  };
}
