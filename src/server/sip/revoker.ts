// Revoking an extension's SIP credentials, both halves (docs/decisions/0010): the cut-off
// in the database (revocation.ts), then every Kamailio told — htable sapa_revoked gets the
// cut-off (refuses the old credential from now on) and the extension's registration is
// removed (ul.rm: calls stop ringing the old softphone at once). A proxy that cannot be
// reached does not fail the sign-out or the admin's change: it is logged, and the resync
// (on start and every RESYNC_MS) hands every live cut-off to every proxy again, which
// also covers a Kamailio restart (its htable is in memory).
import { type FastifyBaseLogger } from 'fastify';
import { type Db } from '../db/db.js';
import { type SipConfig } from './config.js';
import { kamailioRpc } from './kamailio-rpc.js';
import { liveCutoffs, revokeExtension } from './revocation.js';

export const RESYNC_MS = 60_000;

export interface SipRevoker {
  /** Revokes the extension's credentials and drops its registration; resolves when the proxies were told. */
  revoke(extension: string, reason: string): Promise<void>;
  /** Pushes every live cut-off to every proxy. */
  resync(): Promise<void>;
  /** Starts the periodic resync (once); stop() ends it. */
  start(): void;
  stop(): void;
}

export function sipRevoker(db: Db, config: SipConfig, log: FastifyBaseLogger): SipRevoker {
  const enabled = Boolean(config.secret) && config.rpcUrls.length > 0;
  let timer: NodeJS.Timeout | null = null;

  async function toEveryProxy(method: string, params: unknown[]): Promise<void> {
    if (!config.secret) return;
    const secret = config.secret;
    await Promise.all(config.rpcUrls.map(async (url) => {
      try {
        await kamailioRpc(url, secret, method, params);
      } catch (error) {
        log.warn({ err: error, method }, 'SIP proxy not told of a revocation; the next resync retries the cut-off');
      }
    }));
  }

  async function resync(): Promise<void> {
    if (!enabled) return;
    try {
      for (const { extension, cutoff } of await liveCutoffs(db, Math.floor(Date.now() / 1000))) {
        await toEveryProxy('htable.seti', ['sapa_revoked', extension, cutoff]);
      }
    } catch (error) {
      log.warn({ err: error }, 'SIP revocation resync failed');
    }
  }

  return {
    async revoke(extension, reason) {
      const cutoff = await revokeExtension(db, extension);
      log.info({ extension, reason }, 'SIP credentials revoked');
      if (!enabled) return;
      await toEveryProxy('htable.seti', ['sapa_revoked', extension, cutoff]);
      await toEveryProxy('ul.rm', ['location', extension]);
    },
    resync,
    start() {
      if (!enabled || timer) return;
      void resync();
      timer = setInterval(() => void resync(), RESYNC_MS);
      timer.unref();
    },
    stop() {
      if (timer) clearInterval(timer);
      timer = null;
    },
  };
}
