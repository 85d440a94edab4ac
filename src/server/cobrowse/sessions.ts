// Browser sharing sessions in the database: the agent's request with its 6-digit code, the
// customer's join (consent given) and resume on the next page, the end, and what lands in
// the customer's timeline — a `cobrowse` interaction (who, when, how many pages; the page
// paths only with the customer's second consent) and a `web_form` interaction per form
// submitted (its name and its fields' names, never their values). Page contents are never
// written anywhere: the relay (relay.ts) forwards them and forgets them.
import { createHash, randomBytes, randomInt, randomUUID } from 'node:crypto';
import { COBROWSE_CODE_TTL_MS, type CobrowseSession, type EndedBy } from '../../shared/cobrowse.js';
import { SapaError } from '../../shared/errors.js';
import { type SessionUser } from '../../shared/http.js';
import { type Db } from '../db/db.js';
import { withWriteTransaction } from '../db/write-transaction.js';

export interface SessionRow {
  id: string;
  agentId: string;
  agentName: string;
  customerId: string;
  origin: string | null;
  historyConsent: boolean;
  joinedAt: Date | null;
  endedAt: Date | null;
  expiresAt: Date;
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

interface Row {
  id: string; agent_id: string; agent_name: string; customer_id: string; origin: string | null; history_consent: boolean;
  joined_at: Date | null; ended_at: Date | null; expires_at: Date;
}
const SELECT = `SELECT s.id, s.agent_id, u.display_name AS agent_name, s.customer_id, s.origin, s.history_consent, s.joined_at, s.ended_at, s.expires_at
  FROM cobrowse_sessions s JOIN users u ON u.id = s.agent_id`;
const toSession = (r: Row): SessionRow => ({
  id: r.id, agentId: r.agent_id, agentName: r.agent_name, customerId: r.customer_id, origin: r.origin,
  historyConsent: r.history_consent, joinedAt: r.joined_at ? new Date(r.joined_at) : null, endedAt: r.ended_at ? new Date(r.ended_at) : null,
  expiresAt: new Date(r.expires_at),
});

/** The agent's request: a fresh code no active session holds (codes nobody used in time are ended first). */
export async function createSession(db: Db, agent: SessionUser, customerId: string, now = new Date()): Promise<CobrowseSession> {
  const [customer] = await db.query<{ id: string }>('SELECT id FROM customers WHERE id = $1', [customerId]);
  if (!customer) throw new SapaError('NOT_FOUND', 'No such customer');
  await db.query(
    "UPDATE cobrowse_sessions SET ended_at = now(), ended_by = 'expired' WHERE ended_at IS NULL AND joined_at IS NULL AND expires_at < $1",
    [now]);
  const expiresAt = new Date(now.getTime() + COBROWSE_CODE_TTL_MS);
  for (let attempt = 0; attempt < 20; attempt++) {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const id = randomUUID();
    const rows = await db.query<{ id: string }>(
      `INSERT INTO cobrowse_sessions (id, code, agent_id, customer_id, expires_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (code) WHERE ended_at IS NULL DO NOTHING RETURNING id`,
      [id, code, agent.id, customerId, expiresAt]);
    if (rows.length === 1) return { id, code, customerId, expiresAt: expiresAt.toISOString() };
  }
  throw new SapaError('CONFLICT', 'No free sharing code right now; try again in a moment');
}

export async function readSession(db: Db, id: string): Promise<SessionRow | null> {
  const [row] = await db.query<Row>(`${SELECT} WHERE s.id = $1`, [id]);
  return row ? toSession(row) : null;
}

/**
 * The customer consented and gave the code: the session is theirs from now on (the code is
 * spent), bound to the site's origin. Answers the resume token for the next pages, or null
 * for a code that is wrong, used or expired (the caller counts the failure).
 */
export async function joinSession(
  db: Db, code: string, origin: string, historyConsent: boolean, now = new Date(),
): Promise<{ session: SessionRow; resume: string } | null> {
  const resume = randomBytes(24).toString('base64url');
  const [row] = await db.query<{ id: string }>(
    `UPDATE cobrowse_sessions SET joined_at = $2, origin = $3, history_consent = $4, resume_hash = $5
     WHERE code = $1 AND ended_at IS NULL AND joined_at IS NULL AND expires_at > $2 RETURNING id`,
    [code, now, origin, historyConsent, sha256(resume)]);
  if (!row) return null;
  const session = await readSession(db, row.id);
  return session ? { session, resume } : null;
}

/** The next page of the same site: the same session, if the token and origin match and it has not ended. */
export async function resumeSession(db: Db, id: string, resume: string, origin: string): Promise<SessionRow | null> {
  const [row] = await db.query<Row>(
    `${SELECT} WHERE s.id = $1 AND s.resume_hash = $2 AND s.origin = $3 AND s.ended_at IS NULL`, [id, sha256(resume), origin]);
  return row ? toSession(row) : null;
}

export interface EndSummary {
  by: EndedBy;
  /** Distinct paths seen, in order (kept in memory by the relay while the session ran). */
  paths: readonly string[];
}

/**
 * Ends the session once (a second end is a no-op) and, when the customer had joined, writes
 * the `cobrowse` interaction: start, end, the agent, the page count; the paths only with the
 * history consent.
 */
export async function endSession(db: Db, id: string, summary: EndSummary, now = new Date()): Promise<boolean> {
  return withWriteTransaction(db, async (tx) => {
    const [row] = await tx.query<Row & { ended_at: Date | null }>(`${SELECT} WHERE s.id = $1 FOR UPDATE OF s`, [id]);
    if (!row || row.ended_at) return false;
    const s = toSession(row);
    const interactionId = s.joinedAt ? randomUUID() : null;
    await tx.query(
      'UPDATE cobrowse_sessions SET ended_at = $2, ended_by = $3, page_count = $4, interaction_id = $5 WHERE id = $1',
      [id, now, summary.by, summary.paths.length, interactionId]);
    if (s.joinedAt && interactionId) {
      const pages = summary.paths.length;
      const body = [
        `Pages: ${pages}`,
        `Ended by: ${summary.by}`,
        ...(s.historyConsent && pages > 0 ? [`Site: ${s.origin ?? ''}`, ...summary.paths.map((p) => `• ${p}`)] : []),
      ].join('\n');
      const seconds = Math.max(0, Math.round((now.getTime() - s.joinedAt.getTime()) / 1000));
      await tx.query(
        `INSERT INTO interactions (id, customer_id, channel, direction, started_at, ended_at, agent_id, agent_name, subject, body, duration_sec)
         VALUES ($1, $2, 'cobrowse', 'inbound', $3, $4, $5, $6, $7, $8, $9)`,
        [interactionId, s.customerId, s.joinedAt, now, s.agentId, s.agentName, `Browser sharing · ${pages} page${pages === 1 ? '' : 's'}`,
          body, seconds]);
    }
    return true;
  });
}

/** A web form the customer submitted while sharing, with the history consent: its name and field names. */
export async function recordForm(db: Db, s: SessionRow, name: string, fields: readonly string[], now = new Date()): Promise<void> {
  if (!s.historyConsent) return;
  const unique = [...new Set(fields)];
  await withWriteTransaction(db, async (tx) => {
    await tx.query(
      `INSERT INTO interactions (id, customer_id, channel, direction, started_at, agent_id, agent_name, subject, body)
       VALUES ($1, $2, 'web_form', 'inbound', $3, $4, $5, $6, $7)`,
      [randomUUID(), s.customerId, now, s.agentId, s.agentName, `Web form: ${name}`.slice(0, 500),
        unique.length ? `Fields: ${unique.join(', ')}` : 'No named fields']);
  });
}
