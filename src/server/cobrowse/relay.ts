// The browser sharing relay: two WebSocket doors on the server's HTTP port.
//
// - /api/v1/cobrowse/customer — the customer's page. Its Origin must be one of the admins'
//   allowed site origins (server setting widgetOrigins); its first frame joins with
//   the code (consent given) or resumes on the next page with the token from the join.
//   Failed joins are counted per address (COBROWSE_JOIN_FAILURES per window, then refused).
// - /api/v1/cobrowse/agent — the agent's desktop. Its first frame names the session and the
//   agent's own session token; only the agent who asked for the session may watch it.
//
// Customer frames are checked for shape and size and handed to the agent's sockets as they
// are: nothing of a page is written or kept (the session row holds who, when and how many
// pages). A session that relays more than COBROWSE_MAX_BYTES_PER_WINDOW in a window is ended
// (`limit`). One instance holds both sockets of a session: a deployment with several server
// instances routes /cobrowse/* to one of them (docs/browser-sharing.md).
import { type IncomingMessage } from 'node:http';
import { type Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket, type RawData } from 'ws';
import {
  AgentFrame, COBROWSE_JOIN_FAILURES, COBROWSE_JOIN_WINDOW_MS, COBROWSE_MAX_AGENT_FRAME, COBROWSE_MAX_BYTES_PER_WINDOW,
  COBROWSE_MAX_CUSTOMER_FRAME, COBROWSE_MAX_PAGES, COBROWSE_WINDOW_MS, CustomerFrame, cobrowseRoutes, sameOriginUrl,
  type EndedBy, type ServerToAgent, type ServerToCustomer,
} from '../../shared/cobrowse.js';
import { apiPath } from '../../shared/routes.js';
import { resolveSession } from '../auth/sessions.js';
import { type Db } from '../db/db.js';
import { endSession, joinSession, readSession, recordForm, resumeSession, type SessionRow } from './sessions.js';
import { createFailureBudget } from './failure-budget.js';

export const COBROWSE_CUSTOMER_PATH = apiPath(cobrowseRoutes['cobrowse.customerSocket']);
export const COBROWSE_AGENT_PATH = apiPath(cobrowseRoutes['cobrowse.agentSocket']);
const FIRST_FRAME_TIMEOUT_MS = 10_000;
/** A customer's page gone this long (tab closed, connection lost) ends the sharing; moving to the next page takes far less. */
export const CUSTOMER_GONE_MS = 30_000;

export interface CobrowseRelayOptions {
  db: Db;
  /** The allowed site origins in force now (read at each connection: an admin's change applies at once). */
  allowedOrigins(): Promise<readonly string[]>;
  onError(err: unknown): void;
}

export interface CobrowseRelay {
  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): boolean;
  /** Sessions with a socket here (tests and the operator's view of load). */
  activeCount(): number;
  close(): Promise<void>;
}

interface Live {
  row: SessionRow;
  customer: WebSocket | null;
  agents: Set<WebSocket>;
  paths: string[];
  windowStart: number;
  windowBytes: number;
  ending: boolean;
  /** Ends a session nobody joined when its code expires, or one whose customer page went away. */
  timer: NodeJS.Timeout | null;
}

const text = (data: RawData): string => (Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer)).toString('utf8');
function parseJson(raw: string): unknown {
  try { return JSON.parse(raw) as unknown; } catch { return undefined; }
}
const sendTo = (ws: WebSocket | null, message: ServerToAgent | ServerToCustomer): void => {
  if (ws && ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
};

export function createCobrowseRelay({ db, allowedOrigins, onError }: CobrowseRelayOptions): CobrowseRelay {
  const customerWss = new WebSocketServer({ noServer: true, maxPayload: COBROWSE_MAX_CUSTOMER_FRAME });
  const agentWss = new WebSocketServer({ noServer: true, maxPayload: COBROWSE_MAX_AGENT_FRAME });
  const live = new Map<string, Live>();
  const joinFailures = createFailureBudget(COBROWSE_JOIN_FAILURES, COBROWSE_JOIN_WINDOW_MS);

  function liveOf(row: SessionRow): Live {
    let l = live.get(row.id);
    if (!l) {
      l = { row, customer: null, agents: new Set(), paths: [], windowStart: Date.now(), windowBytes: 0, ending: false, timer: null };
      live.set(row.id, l);
      if (!row.joinedAt) endAfter(l, row.expiresAt.getTime() - Date.now(), 'expired');
    }
    return l;
  }

  function endAfter(l: Live, ms: number, by: EndedBy): void {
    if (l.timer) clearTimeout(l.timer);
    l.timer = setTimeout(() => void end(l, by), Math.max(0, ms));
    l.timer.unref();
  }
  function keep(l: Live): void {
    if (l.timer) clearTimeout(l.timer);
    l.timer = null;
  }

  function toAgents(l: Live, message: ServerToAgent | string): void {
    const payload = typeof message === 'string' ? message : JSON.stringify(message);
    for (const ws of l.agents) if (ws.readyState === ws.OPEN) ws.send(payload);
  }

  async function end(l: Live, by: EndedBy): Promise<void> {
    if (l.ending) return;
    l.ending = true;
    keep(l);
    try {
      await endSession(db, l.row.id, { by, paths: l.paths });
    } catch (err) {
      onError(err);
    }
    toAgents(l, { t: 'ended', by });
    sendTo(l.customer, { t: 'ended', by });
    l.customer?.close(1000, 'ended');
    for (const ws of l.agents) ws.close(1000, 'ended');
    live.delete(l.row.id);
  }

  function notePath(l: Live, path: string): void {
    if (!l.paths.includes(path) && l.paths.length < COBROWSE_MAX_PAGES) l.paths.push(path);
    toAgents(l, { t: 'page', path, pages: l.paths.length });
  }

  // ── customer ──
  customerWss.on('connection', (ws: WebSocket, request: IncomingMessage) => {
    const origin = String(request.headers.origin ?? '');
    const address = request.socket.remoteAddress ?? 'unknown';
    const refuse = (code: string, message: string, closeCode = 4400): void => {
      sendTo(ws, { t: 'error', code, message });
      ws.close(closeCode, code);
    };
    const timer = setTimeout(() => refuse('TIMEOUT', 'expected a join'), FIRST_FRAME_TIMEOUT_MS);
    let session: Live | null = null;
    ws.once('message', (data) => {
      clearTimeout(timer);
      void (async () => {
        if (joinFailures.exhausted(address)) return refuse('RATE_LIMITED', 'Too many attempts from this address; wait a few minutes', 4429);
        const allowed = await allowedOrigins();
        if (!allowed.includes(origin)) {
          joinFailures.spend(address);
          return refuse('FORBIDDEN', 'This site may not share pages with Sapa', 4403);
        }
        const first = CustomerFrame.safeParse(parseJson(text(data)));
        if (!first.success || (first.data.t !== 'join' && first.data.t !== 'resume')) {
          joinFailures.spend(address);
          return refuse('INVALID_INPUT', 'expected {t:"join", code, history, path} or {t:"resume", …}');
        }
        let row: SessionRow | null;
        let resume: string;
        if (first.data.t === 'join') {
          const joined = await joinSession(db, first.data.code, origin, first.data.history);
          row = joined?.session ?? null;
          resume = joined?.resume ?? '';
        } else {
          row = await resumeSession(db, first.data.sessionId, first.data.resume, origin);
          resume = first.data.resume;
        }
        if (!row) {
          joinFailures.spend(address);
          return refuse('NOT_FOUND', 'This code is wrong, used or expired; ask the agent for a new one', 4404);
        }
        const l = liveOf(row);
        l.row = row;
        // A page replaced by the next one: the old socket goes quietly.
        if (l.customer && l.customer !== ws) l.customer.close(4409, 'replaced');
        l.customer = ws;
        keep(l);
        session = l;
        sendTo(ws, { t: 'joined', sessionId: row.id, resume, agentName: row.agentName, history: row.historyConsent });
        toAgents(l, { t: 'joined', origin, history: row.historyConsent });
        notePath(l, first.data.path);
      })().catch((err: unknown) => {
        onError(err);
        ws.close(1011, 'join failed');
      });
      ws.on('message', (next) => {
        const l = session;
        if (!l || l.customer !== ws) return;
        const raw = text(next);
        const now = Date.now();
        if (now - l.windowStart > COBROWSE_WINDOW_MS) {
          l.windowStart = now;
          l.windowBytes = 0;
        }
        l.windowBytes += raw.length;
        if (l.windowBytes > COBROWSE_MAX_BYTES_PER_WINDOW) {
          void end(l, 'limit');
          return;
        }
        const frame = CustomerFrame.safeParse(parseJson(raw));
        if (!frame.success) {
          sendTo(ws, { t: 'error', code: 'INVALID_INPUT', message: 'unreadable frame' });
          return;
        }
        const f = frame.data;
        if (f.t === 'ev') toAgents(l, raw);
        else if (f.t === 'form') void recordForm(db, l.row, f.name, f.fields).catch(onError);
        else if (f.t === 'end') void end(l, 'customer');
      });
    });
    ws.on('close', () => {
      clearTimeout(timer);
      const l = session;
      if (l && l.customer === ws) {
        l.customer = null;
        endAfter(l, CUSTOMER_GONE_MS, 'customer');
      }
    });
    ws.on('error', () => undefined);
  });

  // ── agent ──
  agentWss.on('connection', (ws: WebSocket) => {
    const refuse = (code: string, message: string, closeCode: number): void => {
      sendTo(ws, { t: 'error', code, message });
      ws.close(closeCode, code);
    };
    const timer = setTimeout(() => refuse('TIMEOUT', 'expected a watch', 4400), FIRST_FRAME_TIMEOUT_MS);
    let session: Live | null = null;
    ws.once('message', (data) => {
      clearTimeout(timer);
      void (async () => {
        const first = AgentFrame.safeParse(parseJson(text(data)));
        if (!first.success || first.data.t !== 'watch') return refuse('INVALID_INPUT', 'expected {t:"watch", token, sessionId}', 4400);
        const user = await resolveSession(db, first.data.token);
        if (!user) return refuse('UNAUTHENTICATED', 'Session expired or signed out', 4401);
        const row = await readSession(db, first.data.sessionId);
        // Another agent's session is answered as one that does not exist.
        if (!row || row.agentId !== user.id) return refuse('NOT_FOUND', 'No such sharing session', 4404);
        if (row.endedAt) return refuse('GONE', 'This sharing has ended', 4410);
        const l = liveOf(row);
        l.agents.add(ws);
        session = l;
        if (l.customer) {
          sendTo(ws, { t: 'joined', origin: row.origin ?? '', history: row.historyConsent });
          // A watcher arriving late (the desktop reconnected) needs the whole page first.
          sendTo(l.customer, { t: 'snapshot' });
        } else sendTo(ws, { t: 'waiting' });
      })().catch((err: unknown) => {
        onError(err);
        ws.close(1011, 'watch failed');
      });
      ws.on('message', (next) => {
        const l = session;
        if (!l) return;
        const frame = AgentFrame.safeParse(parseJson(text(next)));
        if (!frame.success) return sendTo(ws, { t: 'error', code: 'INVALID_INPUT', message: 'unreadable frame' });
        const f = frame.data;
        if (f.t === 'point') sendTo(l.customer, { t: 'point', nodeId: f.nodeId });
        else if (f.t === 'suggest') {
          const url = l.row.origin ? sameOriginUrl(f.path, l.row.origin) : null;
          if (url) sendTo(l.customer, { t: 'suggest', url });
          else sendTo(ws, { t: 'error', code: 'INVALID_INPUT', message: 'Only a page of the shared site can be proposed' });
        } else if (f.t === 'end') void end(l, 'agent');
      });
    });
    ws.on('close', () => {
      clearTimeout(timer);
      session?.agents.delete(ws);
    });
    ws.on('error', () => undefined);
  });

  return {
    handleUpgrade(request, socket, head) {
      const path = (request.url ?? '').split('?')[0];
      const wss = path === COBROWSE_CUSTOMER_PATH ? customerWss : path === COBROWSE_AGENT_PATH ? agentWss : null;
      if (!wss) return false;
      wss.handleUpgrade(request, socket, head, (ws) => wss.emit('connection', ws, request));
      return true;
    },
    activeCount: () => live.size,
    async close() {
      for (const l of live.values()) keep(l);
      for (const ws of [...customerWss.clients, ...agentWss.clients]) ws.terminate();
      await Promise.all([customerWss, agentWss].map((w) => new Promise<void>((resolve) => w.close(() => resolve()))));
    },
  };
}
