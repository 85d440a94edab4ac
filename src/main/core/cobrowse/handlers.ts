// cobrowse.*: browser sharing on the agent's side. Core asks the server for a session (a code
// for the customer), then holds the watching socket itself — the renderer's Content-Security-
// Policy allows no connection to the server, and the agent's token never leaves core — and
// hands every frame on to the renderer as the `cobrowse.frame` event, where rrweb's Replayer
// draws the page. Point, suggest and end go back over the same socket.
import WebSocket from 'ws';
import { ServerToAgent, cobrowseRoutes, type AgentFrame } from '../../../shared/cobrowse.js';
import { SapaError } from '../../../shared/errors.js';
import { apiPath } from '../../../shared/routes.js';
import { type CoreContext, type HandlerMap } from '../context.js';

type Methods = 'cobrowse.start' | 'cobrowse.point' | 'cobrowse.suggest' | 'cobrowse.end';

export interface CobrowseHandlers {
  handlers: HandlerMap<Methods>;
  close(): void;
}

export function createCobrowseHandlers(): CobrowseHandlers {
  const sockets = new Map<string, WebSocket>();

  function watch(ctx: CoreContext, sessionId: string, token: string): void {
    const url = `${ctx.server.currentUrl().replace(/^http/, 'ws')}${apiPath(cobrowseRoutes['cobrowse.agentSocket'])}`;
    const socket = new WebSocket(url, { handshakeTimeout: 5_000 });
    sockets.set(sessionId, socket);
    socket.on('open', () => socket.send(JSON.stringify({ t: 'watch', token, sessionId } satisfies AgentFrame)));
    socket.on('message', (data: Buffer) => {
      let parsed: unknown;
      try { parsed = JSON.parse(data.toString('utf8')); } catch { return; }
      const frame = ServerToAgent.safeParse(parsed);
      if (frame.success) ctx.events.emit('cobrowse.frame', { sessionId, frame: frame.data });
    });
    socket.on('close', (code) => {
      if (sockets.get(sessionId) === socket) sockets.delete(sessionId);
      // A link lost without an `ended` from the server: the view says the sharing stopped.
      if (code !== 1000) {
        ctx.events.emit('cobrowse.frame', { sessionId, frame: { t: 'error', code: 'OFFLINE', message: 'The link to the shared page was lost' } });
      }
    });
    socket.on('error', (error) => ctx.logger.warn('browser sharing socket', { error: String(error) }));
  }

  function sendOn(sessionId: string, frame: AgentFrame): { ok: true } {
    const socket = sockets.get(sessionId);
    if (!socket || socket.readyState !== WebSocket.OPEN) throw new SapaError('NOT_FOUND', 'This sharing is not running');
    socket.send(JSON.stringify(frame));
    return { ok: true };
  }

  return {
    handlers: {
      'cobrowse.start': async ({ customerId, chatId }, ctx) => {
        const { token } = ctx.requireSession();
        const session = await ctx.server.call('cobrowse.start', { body: { customerId, ...(chatId ? { chatId } : {}) } }, { token });
        watch(ctx, session.id, token);
        return session;
      },
      'cobrowse.point': ({ sessionId, nodeId }) => sendOn(sessionId, { t: 'point', nodeId }),
      'cobrowse.suggest': ({ sessionId, path }) => sendOn(sessionId, { t: 'suggest', path }),
      'cobrowse.end': ({ sessionId }) => {
        const socket = sockets.get(sessionId);
        if (socket?.readyState === WebSocket.OPEN) socket.send(JSON.stringify({ t: 'end' } satisfies AgentFrame));
        return { ok: true };
      },
    },
    close() {
      for (const socket of sockets.values()) socket.terminate();
      sockets.clear();
    },
  };
}
