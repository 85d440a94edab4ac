// Retention: the one way a recording leaves the server (recordings.purge, admins only).
// The recordings older than N days (by when their upload began), or one by id, are
// deleted, each with an audit row naming the admin, the address they called from, the
// recording's agent, size and checksum (so the log still proves what existed). Files first,
// then the row and its audit row in one transaction: a purge cut off half way leaves rows
// whose files are gone, which the next purge (same age) finishes, rather than files no row
// leads to.
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { type z } from 'zod';
import { SapaError } from '../../shared/errors.js';
import { type SessionUser } from '../../shared/http.js';
import { type PurgeRecordingsAnswer, type PurgeRecordingsRequest } from '../../shared/routes.js';
import { audit } from '../auth/audit.js';
import { type Db } from '../db/db.js';
import { rewriteTempPath } from './webm/rewrite.js';

/** Recordings one call purges; the answer says when there are more. */
export const PURGE_BATCH = 500;

interface PurgeRow { id: string; agent_id: string | null; created_at: Date; size_bytes: number; sha256: string | null }

export interface PurgeContext { db: Db; directory: string; user: SessionUser; ip: string }

export async function purgeRecordings(
  { db, directory, user, ip }: PurgeContext, request: z.output<typeof PurgeRecordingsRequest>,
): Promise<z.input<typeof PurgeRecordingsAnswer>> {
  const columns = 'id, agent_id, created_at, size_bytes, sha256';
  const rows = request.id !== undefined
    ? await db.query<PurgeRow>(`SELECT ${columns} FROM recordings WHERE id = $1`, [request.id])
    : await db.query<PurgeRow>(
      `SELECT ${columns} FROM recordings WHERE created_at < now() - make_interval(days => $1::int) ORDER BY created_at LIMIT $2`,
      [request.olderThanDays ?? 0, PURGE_BATCH + 1]);
  if (request.id !== undefined && rows.length === 0) throw new SapaError('NOT_FOUND', `Recording ${request.id} was not found`);
  const batch = rows.slice(0, PURGE_BATCH);
  const purged: z.input<typeof PurgeRecordingsAnswer>['purged'] = [];
  for (const row of batch) {
    const file = path.join(directory, row.id);
    for (const f of [file, `${file}.json`, rewriteTempPath(file)]) await rm(f, { force: true });
    await db.transaction(async (tx) => {
      const [gone] = await tx.query<{ id: string }>('DELETE FROM recordings WHERE id = $1 RETURNING id', [row.id]);
      if (!gone) return; // a parallel purge took it
      await audit(tx, 'recording_purged', user.id, row.id, {
        ip, username: user.username, agentId: row.agent_id, createdAt: row.created_at.toISOString(),
        sizeBytes: Number(row.size_bytes), sha256: row.sha256,
        ...(request.id !== undefined ? { byId: true } : { olderThanDays: request.olderThanDays }),
        ...(request.reason ? { reason: request.reason } : {}),
      }, ip);
    });
    purged.push({ id: row.id, agentId: row.agent_id, createdAt: row.created_at.toISOString(), sizeBytes: Number(row.size_bytes) });
  }
  return { purged, more: rows.length > PURGE_BATCH };
}
