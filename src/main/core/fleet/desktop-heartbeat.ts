// Core's heartbeat to the fleet view, wired: the install id (made once per installation),
// the facts read at each beat, and the signed-in session's token. The update state comes
// from the updater (src/main/core/updates/) through `updateState`; the updater calls
// `reportNow()` on each step so the fleet view follows a roll-out as it happens.
import { type UpdateState } from '../../../shared/updates.js';
import { type Logger } from '../logger.js';
import { type ServerClient } from '../remote/server-client.js';
import { desktopFacts } from './desktop-facts.js';
import { createHeartbeat, type Heartbeat, type HeartbeatTimers } from './heartbeat.js';
import { loadInstallId } from './install-id.js';

/** One heartbeat request gives up after this long; the next beat tries again. */
const HEARTBEAT_TIMEOUT_MS = 10_000;

export interface DesktopHeartbeatDeps {
  dataDir: string;
  appVersion: string;
  host: 'electron' | 'browser';
  server: ServerClient;
  logger: Logger;
  /** The signed-in session's token (null: no beat is sent). */
  token(): string | null;
  lastSyncAt(): string | null;
  /** The updater's current state (default: none). */
  updateState?: () => UpdateState | null;
  clock?: () => number;
  timers?: HeartbeatTimers;
  intervalMs?: number;
}

export function createDesktopHeartbeat(d: DesktopHeartbeatDeps): Heartbeat & { readonly installId: string } {
  const installId = loadInstallId(d.dataDir);
  const updateState = d.updateState ?? (() => null);
  const heartbeat = createHeartbeat({
    logger: d.logger,
    ...(d.clock ? { clock: d.clock } : {}),
    ...(d.timers ? { timers: d.timers } : {}),
    ...(d.intervalMs ? { intervalMs: d.intervalMs } : {}),
    collect: () => desktopFacts({
      installId, dataDir: d.dataDir, appVersion: d.appVersion, host: d.host, lastSyncAt: d.lastSyncAt(), updateState: updateState(),
    }),
    send: async (beat) => {
      const token = d.token();
      if (!token) return;
      await d.server.call('fleet.heartbeat', { body: beat }, { token, timeoutMs: HEARTBEAT_TIMEOUT_MS });
    },
  });
  return { ...heartbeat, installId };
}
