// server.setup.*: which server this desktop uses (resolve.ts decides at start) and the
// first-start screen's "connect": the typed address is checked (URL rules, then GET
// /api/v1/health must answer as Sapa) before it is saved in the data folder and used.
// Only while no server is set: a policy's or a saved server is not replaced from here.
import { SapaError } from '../../../shared/errors.js';
import { type ServerSetupStatus } from '../../../shared/server-setup-api.js';
import { type HandlerMap } from '../context.js';
import { type Logger } from '../logger.js';
import { type ConfigurableServerClient } from '../server-config/configurable-client.js';
import { checkSapaServer, serverUrlFromAddress } from '../server-config/health-check.js';
import { saveServer } from '../server-config/saved-server.js';

export function createServerSetupHandlers(deps: {
  dataDir: string;
  server: ConfigurableServerClient;
  initial: ServerSetupStatus;
  logger: Logger;
  /** Test seam: the health check (default: a real GET). */
  check?: (base: string) => Promise<void>;
}): HandlerMap<'server.setup.status' | 'server.setup.connect'> {
  let status = deps.initial;
  const check = deps.check ?? ((base: string) => checkSapaServer(base));
  return {
    'server.setup.status': () => status,
    'server.setup.connect': async ({ address }) => {
      if (status.source !== 'none') {
        throw new SapaError('CONFLICT', `This desktop's server is already set (${status.source})`, { reason: 'already_set' });
      }
      const base = serverUrlFromAddress(address);
      try {
        await check(base);
      } catch (error) {
        deps.logger.warn('first start: the server address was refused', {
          address: base, reason: error instanceof SapaError ? (error.details as { reason?: string } | undefined)?.reason : 'error',
        });
        throw error;
      }
      if (status.source !== 'none') throw new SapaError('CONFLICT', 'The server was set meanwhile', { reason: 'already_set' });
      saveServer(deps.dataDir, [base]);
      deps.server.configure([base]);
      status = { ...status, source: 'saved', serverUrls: [base] };
      deps.logger.info('first start: server saved', { serverUrl: base });
      return status;
    },
  };
}
