// The browser-host client against a real `ws` server in Node: request/response matching,
// errors carrying code and details, events, and what happens when the socket drops.
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer, type WebSocket as ServerSocket } from 'ws';
import { type AddressInfo } from 'node:net';
import { createWsSapaClient, defaultSocketUrl, type WebSocketLike, type WsSapaClient } from '../../../src/renderer/platform/ws-client.js';

interface Request {
  id: number;
  method: string;
  input: unknown;
}

const SYNC_STATUS = {
  state: 'idle', cursor: 10, headVersion: 10, lastSyncAt: null, rowsApplied: 0,
  progress: null, lastError: null, cachedCustomers: 42, pending: 0, serverUrl: null, live: false, conflicts: 0, refused: 0,
};
const USER = { id: '0190a7a0-0000-7000-8000-000000000001', username: 'ani', displayName: 'Ani', role: 'agent' };

let server: WebSocketServer | null = null;
let client: WsSapaClient | null = null;

async function startServer(port = 0, onRequest?: (socket: ServerSocket, request: Request) => void) {
  const wss = new WebSocketServer({ port, host: '127.0.0.1', path: '/sapa' });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  const sockets: ServerSocket[] = [];
  const requests: Request[] = [];
  wss.on('connection', (socket) => {
    sockets.push(socket);
    socket.on('message', (data) => {
      const request = JSON.parse(String(data)) as Request;
      requests.push(request);
      onRequest?.(socket, request);
    });
  });
  server = wss;
  return { wss, sockets, requests, port: (wss.address() as AddressInfo).port };
}

function connect(port: number): WsSapaClient {
  client = createWsSapaClient({
    url: `ws://127.0.0.1:${port}/sapa`,
    createSocket: (url) => new WebSocket(url) as unknown as WebSocketLike,
    initialDelayMs: 20,
    maxDelayMs: 100,
  });
  return client;
}

const until = async (check: () => boolean, ms = 3_000) => {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
};

afterEach(async () => {
  client?.close();
  client = null;
  if (server) {
    for (const socket of server.clients) socket.terminate();
    await new Promise<void>((resolve) => server?.close(() => resolve()));
    server = null;
  }
});

describe('WebSocket SapaApi client', () => {
  it('derives ws:// or wss:// from the page location', () => {
    expect(defaultSocketUrl({ protocol: 'http:', host: '127.0.0.1:5173' })).toBe('ws://127.0.0.1:5173/sapa');
    expect(defaultSocketUrl({ protocol: 'https:', host: 'sapa.example' })).toBe('wss://sapa.example/sapa');
  });

  it('matches each answer to its request even when answers come back out of order', async () => {
    const held: Array<[ServerSocket, Request]> = [];
    const { port, requests } = await startServer(0, (socket, request) => {
      held.push([socket, request]);
      // Answer both only once the second has arrived, in reverse order.
      if (held.length === 2) {
        for (const [s, r] of held.reverse()) {
          s.send(JSON.stringify({ kind: 'result', id: r.id, output: { echo: (r.input as { query: string }).query } }));
        }
      }
    });
    const api = connect(port);
    const first = api.call('customers.search', { query: 'budi', limit: 5 });
    const second = api.call('customers.search', { query: 'siti', limit: 5 });
    expect(await first).toEqual({ echo: 'budi' });
    expect(await second).toEqual({ echo: 'siti' });
    expect(requests.map((r) => r.method)).toEqual(['customers.search', 'customers.search']);
    expect(new Set(requests.map((r) => r.id)).size).toBe(2);
  });

  it('rejects with an Error carrying the code and details the host sent', async () => {
    const { port } = await startServer(0, (socket, request) => {
      socket.send(JSON.stringify({
        kind: 'error', id: request.id,
        error: { code: 'LOCKED_OUT', message: 'locked', details: { until: '2025-11-25T08:15:00Z' } },
      }));
    });
    const api = connect(port);
    const error = await api.call('auth.login', { username: 'ani', password: 'x' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ code: 'LOCKED_OUT', message: 'locked', details: { until: '2025-11-25T08:15:00Z' } });
  });

  it('turns an unknown error code into INTERNAL rather than passing it on', async () => {
    const { port } = await startServer(0, (socket, request) => {
      socket.send(JSON.stringify({ kind: 'error', id: request.id, error: { code: 'WEIRD', message: 'odd' } }));
    });
    const error = await connect(port).call('sync.now', {}).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INTERNAL', message: 'odd' });
  });

  it('delivers valid events to their listeners and drops malformed ones', async () => {
    const { port, sockets } = await startServer();
    const api = connect(port);
    const statuses: unknown[] = [];
    const sessions: unknown[] = [];
    api.on('sync.status', (s) => statuses.push(s));
    const off = api.on('session.changed', (s) => sessions.push(s));
    await until(() => sockets.length === 1);
    const socket = sockets[0]!;
    socket.send(JSON.stringify({ kind: 'event', event: 'sync.status', payload: { state: 'nonsense' } }));
    socket.send(JSON.stringify({ kind: 'event', event: 'sync.status', payload: SYNC_STATUS }));
    socket.send(JSON.stringify({ kind: 'event', event: 'session.changed', payload: { user: USER } }));
    await until(() => statuses.length === 1 && sessions.length === 1);
    expect(statuses).toEqual([SYNC_STATUS]);
    expect(sessions).toEqual([{ user: USER }]);

    off();
    socket.send(JSON.stringify({ kind: 'event', event: 'session.changed', payload: { user: null } }));
    socket.send(JSON.stringify({ kind: 'event', event: 'sync.status', payload: { ...SYNC_STATUS, cachedCustomers: 43 } }));
    await until(() => statuses.length === 2);
    expect(sessions).toHaveLength(1);
  });

  it('rejects pending calls with OFFLINE when the socket drops, then reconnects', async () => {
    let answer = false;
    const first = await startServer(0, (socket, request) => {
      if (answer) socket.send(JSON.stringify({ kind: 'result', id: request.id, output: { ok: true } }));
    });
    const api = connect(first.port);
    const connections: boolean[] = [];
    api.onConnectionChange((connected) => connections.push(connected));

    const pending = api.call('sync.now', {});
    await until(() => first.requests.length === 1);
    first.sockets[0]!.terminate();
    await expect(pending).rejects.toMatchObject({ code: 'OFFLINE' });
    expect(connections).toEqual([true, false]);

    // The client keeps trying with back-off and picks the socket up again by itself.
    answer = true;
    await until(() => connections.length === 3);
    expect(connections.at(-1)).toBe(true);
    await expect(api.call('sync.now', {})).resolves.toEqual({ ok: true });
  });

  it('fails fast with OFFLINE while the host is unreachable, and recovers when it returns', async () => {
    const probe = await startServer();
    const port = probe.port;
    await new Promise<void>((resolve) => probe.wss.close(() => resolve()));
    server = null;

    const api = connect(port);
    const connections: boolean[] = [];
    api.onConnectionChange((connected) => connections.push(connected));
    // First attempt fails; wait until the client is between attempts.
    await new Promise((r) => setTimeout(r, 50));
    await expect(api.call('sync.status', {})).rejects.toMatchObject({ code: 'OFFLINE' });

    await startServer(port, (socket, request) => {
      socket.send(JSON.stringify({ kind: 'result', id: request.id, output: SYNC_STATUS }));
    });
    await until(() => connections.includes(true));
    await expect(api.call('sync.status', {})).resolves.toEqual(SYNC_STATUS);
  });

  it('rejects everything with OFFLINE once closed', async () => {
    const { port } = await startServer();
    const api = connect(port);
    const pending = api.call('sync.status', {});
    api.close();
    await expect(pending).rejects.toMatchObject({ code: 'OFFLINE' });
    await expect(api.call('sync.status', {})).rejects.toMatchObject({ code: 'OFFLINE' });
  });
});
