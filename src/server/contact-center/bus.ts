// What one server instance tells every instance after a commit: an offer or a state change
// for an agent's desktop (whichever instance holds its live socket sends it), a call offer
// for the SIP bridge of the site holding the caller, a kick for the router loops. With
// PostgreSQL it rides NOTIFY on `sapa_cc` (every instance LISTENs, the sender included);
// with PGlite there is one process and it is delivered in place. Published only after the
// transaction that made the change committed, so nobody hears of a change that rolled back.
import pg from 'pg';
import { type ContactCenterPush } from '../../shared/contact-center.js';
import { type MonitorPush } from '../../shared/monitor.js';
import { type ChatMessage } from '../../shared/webchat.js';
import { type CallOffer } from './call-router-port.js';

export type BusMessage =
  | { k: 'push'; userId: string; push: ContactCenterPush }
  | { k: 'call_offer'; offer: Omit<CallOffer, 'expiresAt'> & { expiresAt: string } }
  | { k: 'kick' }
  /** A listen/whisper/barge session changed: to its agent's and its lead's desktops (floor/monitor.ts). */
  | { k: 'monitor'; userIds: string[]; push: MonitorPush }
  /** A web chat changed (a message, typing, read, its status): to the customer's stream on any instance (webchat/hub.ts). */
  | { k: 'webchat'; conversationId: string; what: 'message' | 'typing' | 'read' | 'status' | 'cobrowse'; by: 'customer' | 'agent';
      /** The sending instance (it delivered in place already) and the new message when it fits the payload. */
      from?: string; message?: ChatMessage;
      /** what = 'cobrowse': the browser sharing code the agent started from the chat. */
      code?: string };

export interface CcBus {
  publish(messages: readonly BusMessage[]): Promise<void>;
  subscribe(listener: (message: BusMessage) => void): () => void;
  close(): Promise<void>;
}

export const CC_CHANNEL = 'sapa_cc';
const LISTEN_RETRY_MS = 1_000;

/** One process: messages go straight to the listeners (PGlite, unit tests). */
export function localBus(): CcBus {
  const listeners = new Set<(m: BusMessage) => void>();
  return {
    async publish(messages) {
      for (const m of messages) for (const l of listeners) l(m);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: async () => undefined,
  };
}

/** Every instance on one PostgreSQL: NOTIFY out, LISTEN in (reconnecting after a loss). */
export function postgresBus(databaseUrl: string, onError: (error: unknown) => void = () => undefined): CcBus {
  const listeners = new Set<(m: BusMessage) => void>();
  let closed = false;
  let listener: pg.Client | null = null;
  let retry: NodeJS.Timeout | null = null;
  // NOTIFY from a small pool of its own so a busy request pool never delays an offer.
  const sender = new pg.Pool({ connectionString: databaseUrl, max: 2 });
  sender.on('error', onError);

  const deliver = (payload: string | undefined): void => {
    if (!payload) return;
    let message: BusMessage;
    try { message = JSON.parse(payload) as BusMessage; } catch { return; }
    for (const l of listeners) l(message);
  };

  async function listen(): Promise<void> {
    if (closed) return;
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
    client.on('notification', (n) => { if (n.channel === CC_CHANNEL) deliver(n.payload); });
    try {
      await client.connect();
      await client.query(`LISTEN ${CC_CHANNEL}`);
    } catch (error) {
      onError(error);
      again();
    }
  }
  const ready = listen();

  return {
    async publish(messages) {
      await ready;
      if (messages.length === 0) return;
      // One round trip for the lot (a chat message and the agent's push go together), in
      // order. A payload is limited to 8000 bytes; an offer is well under 2 KB.
      await sender.query('SELECT pg_notify($1, p) FROM unnest($2::text[]) WITH ORDINALITY AS x(p, n) ORDER BY n',
        [CC_CHANNEL, messages.map((m) => JSON.stringify(m))]).catch(onError);
    },
    subscribe(l) {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      const client = listener;
      listener = null;
      await client?.end().catch(() => undefined);
      await sender.end().catch(() => undefined);
    },
  };
}
