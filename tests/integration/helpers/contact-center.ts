// Fixtures for the contact-center router's suites: agents (a user with queues, an extension,
// skills and a session), customers with a phone number, and a clock the test moves.
import { randomUUID } from 'node:crypto';
import { createSession } from '../../../src/server/auth/sessions.js';
import { type Db } from '../../../src/server/db/db.js';

export interface TestClock {
  now: () => Date;
  advance(seconds: number): void;
  set(at: Date): void;
}

export function testClock(start = new Date('2026-12-02T03:00:00Z')): TestClock {
  let at = start.getTime();
  return {
    now: () => new Date(at),
    advance(seconds) { at += seconds * 1000; },
    set(d) { at = d.getTime(); },
  };
}

let nextExtension = 2001;

export interface TestAgent { id: string; username: string; token: string; extension: string | null }

export async function addAgent(
  db: Db,
  o: { queues: string[]; extension?: boolean; skills?: Record<string, number>; role?: 'agent' | 'lead' | 'admin'; branch?: string },
): Promise<TestAgent> {
  const id = randomUUID();
  const username = `cc-${id.slice(0, 8)}`;
  await db.query(
    `INSERT INTO users (id, username, display_name, role, password_hash, queues, branch) VALUES ($1, $2, $3, $4, 'not-a-hash', $5::text[], $6)`,
    [id, username, `Agent ${username}`, o.role ?? 'agent', o.queues, o.branch ?? null]);
  let extension: string | null = null;
  if (o.extension !== false) {
    extension = String(nextExtension++);
    await db.query('INSERT INTO agent_extensions (user_id, extension) VALUES ($1, $2)', [id, extension]);
  }
  for (const [skill, level] of Object.entries(o.skills ?? {})) {
    await db.query('INSERT INTO skills (code, label_id, label_en) VALUES ($1, $1, $1) ON CONFLICT DO NOTHING', [skill]);
    await db.query('INSERT INTO user_skills (user_id, skill_code, level) VALUES ($1, $2, $3)', [id, skill, level]);
  }
  const { token } = await createSession(db, id, 3_600_000);
  return { id, username, token, extension };
}

let nextCustomer = 1;

export async function addCustomer(
  db: Db, o: { phone: string; vvip?: boolean; tier?: 'platinum' | 'gold' | 'silver' | 'regular'; billing?: 'prepaid' | 'postpaid'; since?: string },
): Promise<string> {
  const id = randomUUID();
  const n = nextCustomer++;
  await db.query(
    `INSERT INTO customers (id, customer_no, full_name, phones, tier, vvip, billing, customer_since)
     VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7, $8)`,
    [id, `CC-${String(n).padStart(6, '0')}-${id.slice(0, 4)}`, `Pelanggan ${n}`, JSON.stringify([{ e164: o.phone, label: 'mobile' }]),
      o.tier ?? 'regular', o.vvip ?? false, o.billing ?? 'prepaid', o.since ?? null]);
  return id;
}
