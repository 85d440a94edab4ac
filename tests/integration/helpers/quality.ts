// Fixtures for the quality suites: users with a session (no password hashing), teams with
// their lead, interactions (with a recording of a known length) handled by an agent, and
// forms sent through the API.
import { randomUUID } from 'node:crypto';
import { createSession } from '../../../src/server/auth/sessions.js';
import { type Db } from '../../../src/server/db/db.js';
import { type Role } from '../../../src/shared/domain.js';

export interface QUser { id: string; token: string; name: string }

export async function addUser(db: Db, role: Role, name = `${role} ${randomUUID().slice(0, 6)}`): Promise<QUser> {
  const id = randomUUID();
  await db.query(`INSERT INTO users (id, username, display_name, role, password_hash) VALUES ($1, $2, $3, $4, 'not-a-hash')`,
    [id, `q-${id.slice(0, 8)}`, name, role]);
  return { id, name, token: (await createSession(db, id, 3_600_000)).token };
}

/** A team led by `lead` with `members` in it. */
export async function addTeam(db: Db, lead: QUser, members: QUser[]): Promise<string> {
  const id = randomUUID();
  await db.query('INSERT INTO teams (id, name, lead_user_id) VALUES ($1, $2, $3)', [id, `Tim ${id.slice(0, 6)}`, lead.id]);
  for (const m of members) await db.query('UPDATE users SET team_id = $2 WHERE id = $1', [m.id, id]);
  return id;
}

/** A call handled by `agent`, with a finished recording of `recordingMs`. */
export async function addCall(db: Db, agent: QUser | null, recordingMs = 120_000): Promise<string> {
  const [customer] = await db.query<{ id: string }>('SELECT id FROM customers LIMIT 1');
  const id = randomUUID();
  const recordingId = randomUUID();
  await db.query("INSERT INTO recordings (id, agent_id, file_name, size_bytes, duration_ms, completed_at) VALUES ($1, $2, 'q.webm', 0, $3, now())",
    [recordingId, agent?.id ?? null, recordingMs]);
  await db.query(
    `INSERT INTO interactions (id, customer_id, channel, direction, started_at, ended_at, agent_id, agent_name, recording_id)
     VALUES ($1, $2, 'call', 'inbound', now() - interval '5 minutes', now(), $3, $4, $5)`,
    [id, customer?.id ?? null, agent?.id ?? null, agent?.name ?? null, recordingId]);
  return id;
}

const L = (en: string) => ({ id: `${en} (id)`, en });

/** A two-section form: greeting (30) with a critical item, compliance (70) with a fatal one. */
export function sampleDefinition() {
  return {
    sections: [
      { id: 'greeting', label: L('Greeting'), weight: 30, items: [
        { id: 'hello', kind: 'yes_no', label: L('Greets the customer'), guidance: { id: 'Salam pembuka', en: 'Opening greeting' } },
        { id: 'verify', kind: 'yes_no', label: L('Verifies identity'), critical: true, commentOnFail: true },
      ] },
      { id: 'compliance', label: L('Compliance'), weight: 70, items: [
        { id: 'disclosure', kind: 'yes_no', label: L('Reads the disclosure'), fatal: true, allowNa: false },
        { id: 'empathy', kind: 'scale', label: L('Empathy'), min: 1, max: 5, points: 2, failBelow: 3 },
        { id: 'closing', kind: 'choice', label: L('Closing'), options: [
          { id: 'full', label: L('Full'), points: 2 }, { id: 'short', label: L('Short'), points: 1 }, { id: 'none', label: L('None'), points: 0, fails: true },
        ] },
        { id: 'notes', kind: 'text', label: L('Notes') },
      ] },
    ],
  };
}

export const goodAnswers = () => [
  { itemId: 'hello', value: 'yes' }, { itemId: 'verify', value: 'yes' }, { itemId: 'disclosure', value: 'yes' },
  { itemId: 'empathy', value: 5 }, { itemId: 'closing', value: 'full' },
];

/** A finished inbound call of `agent` at `startedAt` (5 minutes), with a disposition and a customer of that tier / VVIP flag. */
export async function addSampledCall(db: Db, agent: QUser, o: { startedAt: Date; disposition?: string; vvip?: boolean; queue?: string }): Promise<string> {
  const [customer] = await db.query<{ id: string }>('SELECT id FROM customers WHERE vvip = $1 LIMIT 1', [o.vvip === true]);
  let customerId: string | null = customer?.id ?? null;
  if (!customerId) {
    const [any] = await db.query<{ id: string }>('SELECT id FROM customers LIMIT 1');
    customerId = any?.id ?? null;
    await db.query('UPDATE customers SET vvip = $2 WHERE id = $1', [customerId, o.vvip === true]);
  }
  const id = randomUUID();
  const recordingId = randomUUID();
  await db.query("INSERT INTO recordings (id, agent_id, file_name, size_bytes, duration_ms, completed_at) VALUES ($1, $2, 'q.webm', 0, 60000, now())",
    [recordingId, agent.id]);
  await db.query(
    `INSERT INTO interactions (id, customer_id, channel, direction, started_at, ended_at, agent_id, agent_name, recording_id, disposition, queue_code)
     VALUES ($1, $2, 'call_in', 'inbound', $3, $4, $5, $6, $7, $8, $9)`,
    [id, customerId, o.startedAt, new Date(o.startedAt.getTime() + 300_000), agent.id, agent.name, recordingId, o.disposition ?? 'resolved', o.queue ?? null]);
  return id;
}
