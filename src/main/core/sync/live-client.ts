// The desktop's end of the live channel: a WebSocket to the current server's
// /api/v1/sync/live; every `poke` asks the sync client to run. Reconnects with back-off,
// and follows the server client when it fails over (it always dials currentUrl()).
import WebSocket from 'ws';
import { ROUTES, apiPath } from '../../../shared/routes.js';
import { type Logger } from '../logger.js';

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 10_000;

export interface LiveClientOptions {
  url(): string;
  token(): string | null;
  onPoke(): void;
  onState(connected: boolean): void;
  logger: Logger;
}

export interface LiveClient {
  start(): void;
  stop(): void;
  connected(): boolean;
  /** Drops the socket and dials again at once (e.g. the server client switched servers). */
  reconnect(): void;
}

export function createLiveClient(o: LiveClientOptions): LiveClient {
  let ws: WebSocket | null = null;
  let active = false;
  let ready = false;
  let retryMs = FIRST_RETRY_MS;
  let timer: NodeJS.Timeout | null = null;

  function setReady(value: boolean): void {
    if (ready === value) return;
    ready = value;
    o.onState(value);
  }

  function schedule(): void {
    if (!active || timer) return;
    timer = setTimeout(() => { timer = null; connect(); }, retryMs);
    timer.unref();
    retryMs = Math.min(MAX_RETRY_MS, retryMs * 2);
  }

  function connect(): void {
    if (!active || ws) return;
    const token = o.token();
    if (!token) { schedule(); return; }
    const url = `${o.url().replace(/^http/, 'ws')}${apiPath(ROUTES['sync.live'])}`;
    const socket = new WebSocket(url, { handshakeTimeout: 5_000 });
    ws = socket;
    socket.on('open', () => socket.send(JSON.stringify({ type: 'hello', token })));
    socket.on('message', (data: Buffer) => {
      let message: { type?: string } = {};
      try { message = JSON.parse(data.toString('utf8')) as { type?: string }; } catch { return; }
      if (message.type === 'ready') {
        retryMs = FIRST_RETRY_MS;
        setReady(true);
        // Changes may have happened while we were not listening.
        o.onPoke();
      } else if (message.type === 'poke') {
        o.onPoke();
      }
    });
    const closed = (): void => {
      if (ws !== socket) return;
      ws = null;
      setReady(false);
      schedule();
    };
    socket.on('close', closed);
    socket.on('error', (error) => {
      o.logger.debug('live channel error', { message: error.message });
      closed();
    });
  }

  return {
    start() {
      if (active) return;
      active = true;
      retryMs = FIRST_RETRY_MS;
      connect();
    },
    stop() {
      active = false;
      if (timer) clearTimeout(timer);
      timer = null;
      const socket = ws;
      ws = null;
      socket?.terminate();
      setReady(false);
    },
    connected: () => ready,
    reconnect() {
      const socket = ws;
      ws = null;
      socket?.terminate();
      setReady(false);
      if (timer) clearTimeout(timer);
      timer = null;
      retryMs = FIRST_RETRY_MS;
      connect();
    },
  };
}
