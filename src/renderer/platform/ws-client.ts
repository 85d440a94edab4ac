// SapaApi over the browser host's WebSocket (ws(s)://<host>/sapa), for when no Electron
// preload provides window.sapa. Requests carry an id; the host answers with a result or an
// error for that id, and pushes events at any time (wire format: src/shared/api.ts).
// A dropped socket rejects every pending call with OFFLINE and reconnects with back-off.
import {
  events,
  type EventName,
  type EventPayload,
  type MethodInput,
  type MethodName,
  type MethodOutput,
  type SapaApi,
  type WireMessage,
} from '../../shared/api.js';
import { SapaError } from '../../shared/errors.js';
import { errorFromWire } from './errors.js';
import { logger } from './logger.js';

/** The part of the DOM WebSocket this client uses (the `ws` package fits it too, for tests). */
export interface WebSocketLike {
  readonly readyState: number;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'close' | 'error', listener: () => void): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
}

export interface WsClientOptions {
  url: string;
  createSocket?: (url: string) => WebSocketLike;
  /** First reconnect delay; doubles per failed attempt up to maxDelayMs. */
  initialDelayMs?: number;
  maxDelayMs?: number;
  /** A call with no answer in this time is rejected with OFFLINE. */
  callTimeoutMs?: number;
}

export interface WsSapaClient extends SapaApi {
  /** Called with true when the socket opens and false when it drops. */
  onConnectionChange(listener: (connected: boolean) => void): () => void;
  /** Stops reconnecting and rejects what is pending (page unload, tests). */
  close(): void;
}

interface Pending {
  resolve: (output: unknown) => void;
  reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

const OPEN = 1;

export function defaultSocketUrl(location: { protocol: string; host: string }): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/sapa`;
}

export function createWsSapaClient(options: WsClientOptions): WsSapaClient {
  const createSocket = options.createSocket ?? ((url: string) => new WebSocket(url) as WebSocketLike);
  const initialDelayMs = options.initialDelayMs ?? 250;
  const maxDelayMs = options.maxDelayMs ?? 10_000;
  const callTimeoutMs = options.callTimeoutMs ?? 120_000;

  const pending = new Map<number, Pending>();
  // Requests made while the socket is still connecting; sent as soon as it opens.
  const queued: string[] = [];
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  const connectionListeners = new Set<(connected: boolean) => void>();
  let nextId = 1;
  let socket: WebSocketLike | null = null;
  let connecting = false;
  let attempt = 0;
  let reconnectTimer: ReturnType<typeof setTimeout> | null = null;
  let closedByUs = false;

  function offline(message: string): SapaError {
    return new SapaError('OFFLINE', message);
  }

  function settle(id: number): Pending | undefined {
    const entry = pending.get(id);
    if (entry) {
      clearTimeout(entry.timer);
      pending.delete(id);
    }
    return entry;
  }

  function failAll(message: string): void {
    queued.length = 0;
    for (const id of [...pending.keys()]) settle(id)?.reject(offline(message));
  }

  function dispatchEvent(event: EventName, payload: unknown): void {
    const schema = events[event];
    if (!schema) return logger.warn(`unknown event ${String(event)}`);
    const parsed = schema.safeParse(payload);
    if (!parsed.success) return logger.warn(`malformed ${event} event dropped`, parsed.error.issues);
    for (const listener of listeners.get(event) ?? []) {
      try {
        (listener as (p: unknown) => void)(parsed.data);
      } catch (error) {
        logger.error(`listener for ${event} threw`, error);
      }
    }
  }

  function handleMessage(data: unknown): void {
    if (typeof data !== 'string') return logger.warn('non-text frame ignored');
    let message: WireMessage;
    try {
      message = JSON.parse(data) as WireMessage;
    } catch {
      return logger.warn('unparseable frame ignored');
    }
    if (message.kind === 'event') return dispatchEvent(message.event, message.payload);
    if (message.kind === 'result') return settle(message.id)?.resolve(message.output);
    if (message.kind === 'error') return settle(message.id)?.reject(errorFromWire(message.error));
    logger.warn('frame of unknown kind ignored');
  }

  function setConnected(connected: boolean): void {
    for (const listener of connectionListeners) listener(connected);
  }

  function scheduleReconnect(): void {
    if (closedByUs || reconnectTimer) return;
    // Exponential back-off with jitter so many desktops do not reconnect in step.
    const base = Math.min(maxDelayMs, initialDelayMs * 2 ** attempt);
    const delay = base / 2 + Math.random() * (base / 2);
    attempt += 1;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = null;
      connect();
    }, delay);
  }

  function connect(): void {
    if (closedByUs) return;
    connecting = true;
    let current: WebSocketLike;
    try {
      current = createSocket(options.url);
    } catch (error) {
      connecting = false;
      logger.warn('socket could not be created', error);
      scheduleReconnect();
      return;
    }
    socket = current;
    current.addEventListener('open', () => {
      if (socket !== current) return;
      connecting = false;
      attempt = 0;
      for (const frame of queued.splice(0)) current.send(frame);
      setConnected(true);
    });
    current.addEventListener('message', (event) => handleMessage(event.data));
    current.addEventListener('error', () => logger.warn('socket error'));
    current.addEventListener('close', () => {
      if (socket !== current) return;
      const wasOpen = !connecting;
      socket = null;
      connecting = false;
      failAll('The connection to the desktop core was lost');
      if (wasOpen) setConnected(false);
      scheduleReconnect();
    });
  }

  function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    return new Promise<MethodOutput<M>>((resolve, reject) => {
      if (closedByUs) return reject(offline('The client is closed'));
      const canSend = socket && socket.readyState === OPEN;
      if (!canSend && !connecting) return reject(offline('Not connected to the desktop core'));
      const id = nextId++;
      const timer = setTimeout(() => {
        settle(id)?.reject(offline(`No answer to ${method} within ${callTimeoutMs} ms`));
      }, callTimeoutMs);
      pending.set(id, { resolve: resolve as (output: unknown) => void, reject, timer });
      const frame = JSON.stringify({ id, method, input: input ?? {} });
      if (canSend && socket) socket.send(frame);
      else queued.push(frame);
    });
  }

  function on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    const stored = listener as (payload: never) => void;
    set.add(stored);
    return () => set.delete(stored);
  }

  function onConnectionChange(listener: (connected: boolean) => void): () => void {
    connectionListeners.add(listener);
    return () => connectionListeners.delete(listener);
  }

  function close(): void {
    closedByUs = true;
    if (reconnectTimer) clearTimeout(reconnectTimer);
    reconnectTimer = null;
    failAll('The client is closed');
    socket?.close();
    socket = null;
  }

  connect();
  return { call, on, onConnectionChange, close };
}
