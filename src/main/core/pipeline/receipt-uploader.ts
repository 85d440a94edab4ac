// Receipts taken offline wait in the encrypted cache (receipt_spool, migration 0009) and are
// PUT to the server by their id once it can be reached: after each sync run that reached the
// server and right after a cost is recorded. The server's PUT is idempotent by id and bytes,
// so an upload whose answer was lost is simply sent again; the row is deleted only after the
// server answered (decision 0036). One drain at a time; a final refusal is kept with its
// reason and tried again at most MAX_ATTEMPTS times.
import { SapaError } from '../../../shared/errors.js';
import { type CacheDb } from '../cache/open-cache.js';
import { type Logger } from '../logger.js';
import { type ServerClient } from '../remote/server-client.js';

export const MAX_ATTEMPTS = 5;

export interface ReceiptUploader {
  /** Uploads what is spooled (joins a drain in progress); answers how many arrived. */
  drain(): Promise<number>;
  pendingCount(): number;
}

export function createReceiptUploader(o: {
  db: () => CacheDb; server: ServerClient; logger: Logger; session: () => { token: string; userId: string } | null;
}): ReceiptUploader {
  let running: Promise<number> | null = null;

  async function run(): Promise<number> {
    let sent = 0;
    for (;;) {
      const session = o.session();
      if (!session) return sent;
      const row = o.db().prepare<[string, number], { id: string; content: Buffer }>(
        'SELECT id, content FROM receipt_spool WHERE author_id = ? AND attempts < ? ORDER BY created_at, id LIMIT 1',
      ).get(session.userId, MAX_ATTEMPTS);
      if (!row) return sent;
      const bytes = new Uint8Array(row.content);
      try {
        await o.server.call('receipts.upload', { params: { id: row.id } }, {
          token: session.token,
          stream: { body: new Blob([bytes]).stream(), contentType: 'application/octet-stream' },
        });
        o.db().prepare('DELETE FROM receipt_spool WHERE id = ?').run(row.id);
        sent += 1;
      } catch (error) {
        if (error instanceof SapaError && (error.code === 'OFFLINE' || error.code === 'UNAUTHENTICATED')) return sent;
        const message = error instanceof Error ? error.message : String(error);
        o.logger.warn('receipt upload refused', { id: row.id, error: message });
        o.db().prepare('UPDATE receipt_spool SET attempts = attempts + 1, last_error = ? WHERE id = ?').run(message.slice(0, 500), row.id);
      }
    }
  }

  return {
    drain() {
      running ??= run().finally(() => { running = null; });
      return running;
    },
    pendingCount: () => o.db().prepare<[], { n: number }>('SELECT count(*) AS n FROM receipt_spool').get()?.n ?? 0,
  };
}
