// The server client core hands to every part of itself, whether or not a server is set yet:
// until the first-start screen (or IT's policy) names one, calls fail with OFFLINE
// (details.reason 'server_not_configured') instead of core refusing to start; `configure`
// puts the chosen list in place, and everything holding this client uses it from then on.
import { SapaError } from '../../../shared/errors.js';
import { type Logger } from '../logger.js';
import { createServerClient, type ServerClient, type ServerClientOptions } from '../remote/server-client.js';

export interface ConfigurableServerClient extends ServerClient {
  configure(urls: readonly string[]): void;
  isConfigured(): boolean;
}

export function createConfigurableServerClient(
  urls: readonly string[], logger: Logger, options: ServerClientOptions = {},
): ConfigurableServerClient {
  let inner: ServerClient | null = urls.length > 0 ? createServerClient(urls, logger, options) : null;
  return {
    get urls() {
      return inner?.urls ?? [];
    },
    currentUrl: () => inner?.currentUrl() ?? '',
    call(name, input, callOptions) {
      if (!inner) {
        return Promise.reject(new SapaError('OFFLINE', 'No Sapa server is set on this desktop yet', { reason: 'server_not_configured' }));
      }
      return inner.call(name, input, callOptions);
    },
    configure(next) {
      inner = createServerClient(next, logger, options);
    },
    isConfigured: () => inner !== null,
  };
}
