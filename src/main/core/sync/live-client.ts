// The desktop's end of the live channel: a WebSocket to the current server's
// /api/v1/sync/live; every `poke` asks the sync client to run. Reconnects with back-off,
// and follows the server client when it fails over (it always dials currentUrl()).
import WebSocket from 'ws';
import { ROUTES, apiPath } from '../../../shared/routes.js';
import { SIGNED_OUT_REASONS, type SignedOutReason } from '../../../shared/sync.js';
import { type Logger } from '../logger.js';

const FIRST_RETRY_MS = 500;
const MAX_RETRY_MS = 10_000;

export interface LiveClientOptions {
  url(): string;
  token(): string | null;
  onPoke(): void;
  onState(connected: boolean): void;
  /**
   * The server ended every session of this user (an admin disabled them, reset their
   * password or signed them out) and said why, or refused the token (4401, reason null).
   * The channel stops; it is not dialled again until start().
   */
  onSignedOut?(reason: SignedOutReason | null): void;
  /** Any other message the server pushes (the contact center's offers and states), unparsed. */
  onMessage?(message: unknown): void;
  logger: Logger;
}

/** Close code of a socket whose token the server no longer accepts (src/server/live/live-hub.ts). */
const UNAUTHENTICATED_CLOSE = 4401;

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
    const signedOut = (reason: SignedOutReason | null): void => {
      if (ws !== socket || !o.onSignedOut) return;
      o.logger.warn('live channel: the server ended this session', { reason });
      stop();
      o.onSignedOut(reason);
    };
    socket.on('message', (data: Buffer) => {
      let message: { type?: string; reason?: string } | null = null;
      try { message = JSON.parse(data.toString('utf8')) as { type?: string; reason?: string } | null; } catch { return; }
      if (typeof message !== 'object' || message === null) return;
      if (message.type === 'signed_out') {
        const reason = SIGNED_OUT_REASONS.find((r) => r === message.reason) ?? null;
        signedOut(reason);
        return;
      }
      if (message.type === 'ready') {
        retryMs = FIRST_RETRY_MS;
        setReady(true);
        // Changes may have happened while we were not listening.
        o.onPoke();
      } else if (message.type === 'poke') {
        o.onPoke();
      } else {
        o.onMessage?.(message);
      }
    });
    const closed = (): void => {
      if (ws !== socket) return;
      ws = null;
      setReady(false);
      schedule();
    };
    socket.on('close', (code: number) => {
      if (code === UNAUTHENTICATED_CLOSE) signedOut(null);
      closed();
    });
    socket.on('error', (error) => {
      o.logger.debug('live channel error', { message: error.message });
      closed();
    });
  }

  function stop(): void {
    active = false;
    if (timer) clearTimeout(timer);
    timer = null;
    const socket = ws;
    ws = null;
    socket?.terminate();
    setReady(false);
  }

  return {
    start() {
      if (active) return;
      active = true;
      retryMs = FIRST_RETRY_MS;
      connect();
    },
    stop,
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
