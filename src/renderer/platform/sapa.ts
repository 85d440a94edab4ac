// Picks the transport once: the Electron preload's window.sapa when present, else the
// browser host's WebSocket. Features call `sapa()` and never know which one they got.
import { type SapaApi } from '../../shared/api.js';
import { createWsSapaClient, defaultSocketUrl } from './ws-client.js';

declare global {
  interface Window {
    sapa?: SapaApi;
  }
}

let instance: SapaApi | null = null;

export function sapa(): SapaApi {
  if (!instance) {
    instance = window.sapa ?? createWsSapaClient({ url: defaultSocketUrl(window.location) });
  }
  return instance;
}
