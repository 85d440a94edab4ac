// The contact center on the e2e server: which queues the demo users work, their routing
// state, tasks, and what the desktop shows of them (page objects by role and name).
import { expect, type Page } from '@playwright/test';
import { withServerDb } from './db.js';

/** Puts the users in exactly these queues; answers what they had, for the test's clean-up. */
export async function setQueues(usernames: string[], queues: string[]): Promise<Map<string, string[]>> {
  return withServerDb(async (db) => {
    const before = await db.query<{ username: string; queues: string[] }>('SELECT username, queues FROM users WHERE username = ANY($1)', [usernames]);
    await db.query('UPDATE users SET queues = $2::text[] WHERE username = ANY($1)', [usernames, queues]);
    return new Map(before.rows.map((r) => [r.username, r.queues]));
  });
}

export async function restoreQueues(saved: Map<string, string[]>): Promise<void> {
  await withServerDb(async (db) => {
    for (const [username, queues] of saved) await db.query('UPDATE users SET queues = $2::text[] WHERE username = $1', [username, queues]);
  });
}

/** Nothing else waiting or out: an earlier test's task must not be the one offered here. */
export async function cancelOpenTasks(): Promise<void> {
  await withServerDb((db) => db.query(
    "UPDATE cc_tasks SET status = 'cancelled', agent_id = NULL, reservation_id = NULL, reserved_until = NULL, ended_at = now() WHERE status IN ('waiting', 'reserved')"));
}

export async function taskOf(kind: 'email' | 'callback', sourceRef: string): Promise<{ status: string; agent: string | null } | null> {
  return withServerDb(async (db) => {
    const res = await db.query<{ status: string; agent: string | null }>(
      'SELECT t.status, u.username AS agent FROM cc_tasks t LEFT JOIN users u ON u.id = t.agent_id WHERE t.kind = $1 AND t.source_ref = $2',
      [kind, sourceRef]);
    return res.rows[0] ?? null;
  });
}

export class AgentStatus {
  constructor(private readonly page: Page) {}

  selector() {
    return this.page.getByRole('combobox', { name: 'Status', exact: true });
  }

  /** Chooses a status by its visible label and waits for the server to confirm it. */
  async choose(label: string, derived: RegExp): Promise<void> {
    await expect(this.selector()).toBeEnabled();
    await this.selector().selectOption({ label });
    await expect(this.page.getByRole('status', { name: /Routing state|Status perutean/ })).toHaveText(derived);
  }
}

export function offerPanel(page: Page, title: RegExp) {
  return page.getByRole('region', { name: title });
}
