// Live pokes: desktops hold a WebSocket to /api/v1/sync/live; when synced data changes the
// server sends `{type:'poke'}` and the desktop pulls. A poke carries no data, so a lost or
// extra poke is harmless (the periodic pull still runs) and nothing here needs to be exact.
//
// Sources of "something changed": with PostgreSQL a LISTEN on `sapa_sync`, which statement
// triggers NOTIFY on every synced write by any instance or tool — customer-scoped tables
// with the users whose working set holds (or just lost) the customers touched,
// `u:<id>,<id>,…`, so only their desktops are poked; reference tables and writes touching
// more than 150 users with an empty payload, which pokes every desktop (migrations 002 and
// 030, docs/decisions/0030). On PGlite (one instance, no LISTEN) this instance's pushes
// poke every desktop. Pokes are coalesced per tick so a burst of writes sends each desktop
// one poke. With a read replica, pokes wait until the replica has the write (replay-gate.ts).
import { type IncomingMessage } from 'node:http';
import { type Duplex } from 'node:stream';
import pg from 'pg';
import { WebSocketServer, type WebSocket } from 'ws';
import { ROUTES, apiPath } from '../../shared/routes.js';
import { LiveClientMessage, type LiveServerMessage, type SignedOutReason } from '../../shared/sync.js';
import { refusalReason, resolveSession } from '../auth/sessions.js';
import { type Db } from '../db/db.js';
import { type ReplayGate } from './replay-gate.js';

export const LIVE_PATH = apiPath(ROUTES['sync.live']);
const HELLO_TIMEOUT_MS = 5_000;
const LISTEN_RETRY_MS = 1_000;

export interface LiveHub {
  /** Handles an HTTP upgrade; answers false when the path is not ours. */
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Pokes every connected desktop (coalesced to one poke per event-loop tick). */
  pokeAll(): void;
  /** Pokes the desktops of these users (coalesced likewise). */
  pokeUsers(userIds: Iterable<string>): void;
  /**
   * After this instance applied a push: nothing with PostgreSQL (the write's NOTIFY pokes
   * exactly the desktops concerned, on every instance), every desktop on PGlite.
   */
  pokeAfterPush(): void;
  connectedCount(): number;
  /**
   * Closes this instance's sockets of `userId` (4401), after their sessions were revoked;
   * with a reason the desktop is told first (`signed_out`) and signs out at once.
   */
  disconnectUser(userId: string, reason?: SignedOutReason): void;
  /** Sends to this instance's sockets of `userId` (contact-center offers and state). */
  sendToUser(userId: string, message: LiveServerMessage): void;
  /** Users with a socket past its hello here: their desktops are present (the router's reconciler). */
  connectedUserIds(): string[];
  close(): Promise<void>;
}

/** `gate`: with a read replica, each batch of pokes waits for it (replay-gate.ts). */
export function createLiveHub(db: Db, databaseUrl?: string, gate?: ReplayGate): LiveHub {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 4096 });
  /** Sockets past their hello → the user they belong to. */
  const ready = new Map<WebSocket, string>();
  let pending = false;
  let pendingAll = false;
  const pendingUsers = new Set<string>();
  let closed = false;
  let listener: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;

  const send = (ws: WebSocket, message: LiveServerMessage): void => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
  };

  wss.on('connection', (ws: WebSocket) => {
    const timer = setTimeout(() => ws.close(4001, 'hello expected'), HELLO_TIMEOUT_MS);
    ws.once('message', (data: Buffer) => {
      clearTimeout(timer);
      let text = '';
      try { text = data.toString('utf8'); } catch { /* unreadable → refused below */ }
      const hello = LiveClientMessage.safeParse(safeJson(text));
      if (!hello.success) {
        send(ws, { type: 'error', code: 'INVALID_INPUT', message: 'expected {type:"hello", token}' });
        ws.close(4000, 'bad hello');
        return;
      }
      const token = hello.data.token;
      void resolveSession(db, token).then(async (user) => {
        if (!user) {
          // A socket (re)connecting just after an admin ended the session hears why too, as
          // an open one does in disconnectUser: otherwise the desktop signs out saying nothing.
          const reason = await refusalReason(db, token).catch(() => null);
          if (reason) send(ws, { type: 'signed_out', reason });
          send(ws, { type: 'error', code: 'UNAUTHENTICATED', message: 'Session expired or signed out' });
          ws.close(4401, 'unauthenticated');
          return;
        }
        ready.set(ws, user.id);
        send(ws, { type: 'ready' });
      }, () => ws.close(1011, 'session check failed'));
    });
    ws.on('close', () => {
      clearTimeout(timer);
      ready.delete(ws);
    });
    ws.on('error', () => ready.delete(ws));
  });

  /** Takes the pokes gathered so far as one batch. */
  function takeBatch(): { all: boolean; users: Set<string> } | null {
    if (!pendingAll && pendingUsers.size === 0) return null;
    const batch = { all: pendingAll, users: new Set(pendingUsers) };
    pendingAll = false;
    pendingUsers.clear();
    return batch;
  }

  function sendBatch(batch: { all: boolean; users: Set<string> }): void {
    const text = JSON.stringify({ type: 'poke' } satisfies LiveServerMessage);
    for (const [ws, owner] of ready) {
      if ((batch.all || batch.users.has(owner)) && ws.readyState === ws.OPEN) ws.send(text);
    }
  }

  function reachesAnyone(batch: { all: boolean; users: Set<string> }): boolean {
    if (batch.all) return ready.size > 0;
    for (const owner of ready.values()) if (batch.users.has(owner)) return true;
    return false;
  }

  // One replica wait at a time: pokes arriving meanwhile form the next batch, whose wait
  // reads the primary's head after they arrived, so it covers their writes too.
  let gating = false;
  async function drainThroughGate(g: ReplayGate): Promise<void> {
    if (gating) return;
    gating = true;
    try {
      for (let batch = takeBatch(); batch && !closed; batch = takeBatch()) {
        // Pokes for users with no socket here (another instance holds them) wait for nothing.
        if (!reachesAnyone(batch)) continue;
        await g.caughtUp().catch(() => false);
        if (!closed) sendBatch(batch);
      }
    } finally {
      gating = false;
    }
  }

  function flushSoon(): void {
    if (pending || closed) return;
    pending = true;
    setImmediate(() => {
      pending = false;
      if (gate) {
        void drainThroughGate(gate);
        return;
      }
      const batch = takeBatch();
      if (batch) sendBatch(batch);
    });
  }

  function pokeAll(): void {
    pendingAll = true;
    flushSoon();
  }

  function pokeUsers(userIds: Iterable<string>): void {
    for (const id of userIds) pendingUsers.add(id);
    flushSoon();
  }

  /** `''` (migration 002, or too many users): everyone; `u:<ids>`: those users. */
  function onNotification(payload: string | undefined): void {
    if (payload?.startsWith('u:')) pokeUsers(payload.slice(2).split(',').filter((id) => id.length > 0));
    else pokeAll();
  }

  async function listen(): Promise<void> {
    if (!databaseUrl || closed) return;
    const client = new pg.Client({ connectionString: databaseUrl });
    const again = (): void => {
      if (closed || listener !== client) return;
      listener = null;
      void client.end().catch(() => undefined);
      retry = setTimeout(() => void listen(), LISTEN_RETRY_MS);
      retry.unref();
    };
    listener = client;
    client.on('error', again);
    client.on('end', again);
    client.on('notification', (n) => onNotification(n.payload));
    try {
      await client.connect();
      await client.query('LISTEN sapa_sync');
    } catch {
      again();
    }
  }
  void listen();

  return {
    handleUpgrade(request, socket, head) {
      const path = (request.url ?? '').split('?')[0];
      if (path !== LIVE_PATH) return false;
      wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
      return true;
    },
    pokeAll,
    pokeUsers,
    pokeAfterPush() {
      if (!databaseUrl) pokeAll();
    },
    connectedCount: () => ready.size,
    disconnectUser(userId, reason) {
      for (const [ws, owner] of ready) {
        if (owner !== userId) continue;
        if (reason) send(ws, { type: 'signed_out', reason });
        send(ws, { type: 'error', code: 'UNAUTHENTICATED', message: 'Session expired or signed out' });
        ws.close(4401, 'unauthenticated');
        ready.delete(ws);
      }
    },
    sendToUser(userId, message) {
      for (const [ws, owner] of ready) if (owner === userId) send(ws, message);
    },
    connectedUserIds: () => [...new Set(ready.values())],
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      const client = listener;
      listener = null;
      for (const ws of wss.clients) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      await client?.end().catch(() => undefined);
    },
  };
}

function safeJson(text: string): unknown {
  try { return JSON.parse(text) as unknown; } catch { return undefined; }
}
