// The server's connection to one Kamailio's evapi socket (SAPA_SIP_EVAPI there): says hello
// with the RPC key, then hears JSON events in netstrings and sends commands back. It
// reconnects with back-off for as long as it runs: a Kamailio restart or a network cut
// costs the calls queued at that moment (Kamailio's suspended INVITEs do not survive a
// restart either), never the bridge. A malformed message is logged and dropped.
import { Socket } from 'node:net';
import type { FastifyBaseLogger } from 'fastify';
import { BridgeCommand, KamailioEvent } from '../../../shared/sip-bridge.js';
import { rpcKey } from '../../sip/kamailio-rpc.js';
import { encodeNetstring, NetstringDecoder, NetstringError } from './netstring.js';

const BACKOFF_MS = [200, 500, 1_000, 2_000, 5_000];

export interface EvapiLink {
  send(command: BridgeCommand): boolean;
  connected(): boolean;
  close(): void;
}

export interface EvapiOptions {
  host: string;
  port: number;
  secret: string;
  log: Pick<FastifyBaseLogger, 'info' | 'warn'>;
  onEvent(event: KamailioEvent): void;
  onConnected?(): void;
}

export function connectEvapi(options: EvapiOptions): EvapiLink {
  let socket: Socket | null = null;
  let ready = false;
  let closed = false;
  let attempt = 0;
  let timer: NodeJS.Timeout | null = null;
  const where = `${options.host}:${options.port}`;

  const dial = (): void => {
    const decoder = new NetstringDecoder();
    const s = new Socket();
    socket = s;
    s.setNoDelay(true);
    s.on('connect', () => {
      attempt = 0;
      s.write(encodeNetstring(JSON.stringify(BridgeCommand.parse({ cmd: 'hello', key: rpcKey(options.secret) }))));
      ready = true;
      options.log.info({ kamailio: where }, 'SIP bridge connected to Kamailio (evapi)');
      options.onConnected?.();
    });
    s.on('data', (chunk: Buffer) => {
      let payloads: string[];
      try {
        payloads = decoder.push(chunk);
      } catch (error) {
        // Framing lost: nothing after this can be read reliably; start over.
        options.log.warn({ kamailio: where, err: error instanceof NetstringError ? error.message : error }, 'SIP bridge: bad framing from Kamailio, reconnecting');
        s.destroy();
        return;
      }
      for (const payload of payloads) handle(payload);
    });
    s.on('error', () => undefined);   // 'close' follows and reconnects
    s.on('close', () => {
      ready = false;
      if (socket === s) socket = null;
      if (closed) return;
      const delay = BACKOFF_MS[Math.min(attempt, BACKOFF_MS.length - 1)] ?? 5_000;
      attempt += 1;
      timer = setTimeout(dial, delay);
    });
    s.connect(options.port, options.host);
  };

  const handle = (payload: string): void => {
    let json: unknown;
    try {
      json = JSON.parse(payload);
    } catch {
      options.log.warn({ kamailio: where, payload: payload.slice(0, 200) }, 'SIP bridge: a message from Kamailio is not JSON; dropped');
      return;
    }
    const parsed = KamailioEvent.safeParse(json);
    if (!parsed.success) {
      options.log.warn({ kamailio: where, payload: payload.slice(0, 200), issues: parsed.error.issues.slice(0, 3) }, 'SIP bridge: a message from Kamailio does not match the contract; dropped');
      return;
    }
    try {
      options.onEvent(parsed.data);
    } catch (error) {
      options.log.warn({ kamailio: where, err: error }, 'SIP bridge: handling a Kamailio event failed');
    }
  };

  dial();
  return {
    send(command) {
      if (!socket || !ready) return false;
      socket.write(encodeNetstring(JSON.stringify(BridgeCommand.parse(command))));
      return true;
    },
    connected: () => ready,
    close() {
      closed = true;
      if (timer) clearTimeout(timer);
      socket?.destroy();
    },
  };
}
