// The browser host: serves the built renderer over HTTP on loopback and exposes core over
// a WebSocket at /sapa with the wire format of src/shared/api.ts. Used for development
// and every end-to-end test, so the real renderer runs against the real core in Chromium.
import { createServer, type Server } from 'node:http';
import { type AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import { type WireMessage } from '../../shared/api.js';
import { type Core } from '../core/index.js';
import { createLogger } from '../core/logger.js';
import { createCallTrace } from './call-trace.js';
import { contentSecurityPolicy } from './csp.js';
import { playbackToken, serveMedia } from './media-route.js';
import { isAllowedOrigin, isLoopbackHost } from './origin-check.js';
import { serveStatic } from './static-files.js';
import { answerWireFrame } from './wire.js';

export const SOCKET_PATH = '/sapa';
/** A CSV chunk is up to 2 M characters; JSON escaping can grow it. */
const MAX_FRAME_BYTES = 16 * 1024 * 1024;

export interface BrowserHostOptions {
  core: Pick<Core, 'callByName' | 'onAny' | 'playback'>;
  /** 0 picks a free port. */
  port: number;
  rendererDir: string;
  /** Loopback address to listen on (default 127.0.0.1). */
  hostname?: string;
  /** Appends a timing line per API call to this file (call-trace.ts; the softphone bench). */
  traceFile?: string;
}

export interface BrowserHost {
  url: string;
  close(): Promise<void>;
}

function securityHeaders(port: number): Record<string, string> {
  return {
    'content-security-policy': contentSecurityPolicy({
      connectSrc: [`ws://127.0.0.1:${port}`, `ws://localhost:${port}`],
    }),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'x-frame-options': 'DENY',
    'cross-origin-opener-policy': 'same-origin',
  };
}

export async function startBrowserHost(options: BrowserHostOptions): Promise<BrowserHost> {
  const logger = createLogger('browser-host');
  const hostname = options.hostname ?? '127.0.0.1';
  let port = options.port;
  const server: Server = createServer((req, res) => {
    if (!isLoopbackHost(req.headers.host, port)) {
      res.writeHead(421, { 'content-type': 'text/plain; charset=utf-8' }).end('Unknown host');
      return;
    }
    const token = playbackToken((req.url ?? '/').split('?')[0] ?? '/');
    if (token !== null) {
      serveMedia(options.core, token, req, res, logger).catch((error: unknown) => {
        logger.error('recording playback failed', { error: String(error) });
        if (!res.headersSent) res.writeHead(500).end();
        else res.destroy();
      });
      return;
    }
    serveStatic(options.rendererDir, req, res, securityHeaders(port)).catch((error: unknown) => {
      logger.error('static file failed', { url: req.url, error: String(error) });
      if (!res.headersSent) res.writeHead(500).end();
      else res.destroy();
    });
  });

  const trace = createCallTrace(options.traceFile);
  const sockets = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_FRAME_BYTES,
  });

  server.on('upgrade', (req, socket, head) => {
    const path = (req.url ?? '').split('?')[0];
    if (path !== SOCKET_PATH || !isAllowedOrigin(req.headers.origin, req.headers.host, port)) {
      logger.warn('websocket refused', { path, origin: req.headers.origin, host: req.headers.host });
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => connect(ws));
  });

  function connect(ws: WebSocket): void {
    const send = (message: WireMessage) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
    };
    const unsubscribe = options.core.onAny((event, payload) => send({ kind: 'event', event, payload }));
    ws.on('message', (data, isBinary) => {
      if (isBinary) {
        send({ kind: 'error', id: -1, error: { code: 'INVALID_INPUT', message: 'Binary frames are not accepted' } });
        return;
      }
      const frame = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8');
      const answered = trace?.received(frame);
      void answerWireFrame(options.core, frame).then((message) => {
        send(message);
        answered?.();
      });
    });
    ws.on('close', unsubscribe);
    ws.on('error', (error) => logger.warn('websocket error', { error: String(error) }));
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, hostname, () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  const url = `http://${hostname}:${port}/`;
  logger.info('browser host listening', { url });

  return {
    url,
    close: async () => {
      trace?.close();
      for (const client of sockets.clients) client.terminate();
      sockets.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
