// Demo users, one or more per role (fixed ids so tests and demos can refer to them). Their
// passwords are public (README), so they go only into demo and test databases: see
// demo-gate.ts. Real users are made by auth/create-user.ts (password policy).
import { type Role } from '../../shared/domain.js';
import { hashPassword } from '../auth/passwords.js';
import { type Db } from '../db/db.js';

export interface DemoUser {
  id: string; username: string; password: string; displayName: string; role: Role;
  /** Working-set scope (migration 005): a customers.branch value and queues (sync/queue-policy.ts). */
  branch?: string | null; queues?: readonly string[];
}

export const DEMO_USERS: readonly DemoUser[] = [
  { id: '00000000-0000-4000-8000-00000000a001', username: 'agent1', password: 'agent1-pass', displayName: 'Sari Wulandari', role: 'agent', branch: 'Jakarta Pusat', queues: ['billing', 'network'] },
  { id: '00000000-0000-4000-8000-00000000a002', username: 'agent2', password: 'agent2-pass', displayName: 'Andi Pratama', role: 'agent', branch: 'Surabaya', queues: ['vip'] },
  { id: '00000000-0000-4000-8000-00000000a003', username: 'lead1', password: 'lead1-pass', displayName: 'Dewi Lestari', role: 'lead', branch: 'Jakarta Pusat', queues: ['billing', 'network', 'vip'] },
  { id: '00000000-0000-4000-8000-00000000a004', username: 'admin1', password: 'admin1-pass', displayName: 'Rudi Hartono', role: 'admin' },
  // The sales module (docs/sales.md): two reps of one branch (new prospects go round-robin) and
  // their manager, who leads DEMO_SALES_TEAM (budgets, visits and the pipeline by team).
  { id: '00000000-0000-4000-8000-00000000a005', username: 'sales1', password: 'sales1-pass', displayName: 'Bima Saputra', role: 'sales_rep', branch: 'Jakarta Pusat', queues: [] },
  { id: '00000000-0000-4000-8000-00000000a006', username: 'sales2', password: 'sales2-pass', displayName: 'Lina Marlina', role: 'sales_rep', branch: 'Jakarta Pusat', queues: [] },
  { id: '00000000-0000-4000-8000-00000000a007', username: 'salesmgr1', password: 'salesmgr1-pass', displayName: 'Hendra Wijaya', role: 'sales_manager', branch: 'Jakarta Pusat', queues: [] },
];

/** The demo sales team: salesmgr1 leads it, sales1 and sales2 are its members. */
export const DEMO_SALES_TEAM = { id: '00000000-0000-4000-8000-00000000b101', name: 'Sales Jakarta' } as const;

/** Inserts the demo users that do not exist yet (by username). Call inside a write transaction. */
export async function seedUsers(tx: Db): Promise<void> {
  for (const u of DEMO_USERS) {
    await tx.query(
      `INSERT INTO users (id, username, display_name, role, password_hash, branch, queues) VALUES ($1, $2, $3, $4, $5, $6, $7::text[])
       ON CONFLICT (username) DO NOTHING`,
      [u.id, u.username, u.displayName, u.role, await hashPassword(u.password), u.branch ?? null, [...(u.queues ?? [])]],
    );
  }
  await tx.query(
    `INSERT INTO teams (id, name, lead_user_id) SELECT $1, $2, id FROM users WHERE username = 'salesmgr1' ON CONFLICT DO NOTHING`,
    [DEMO_SALES_TEAM.id, DEMO_SALES_TEAM.name]);
  await tx.query(`UPDATE users SET team_id = $1 WHERE username IN ('sales1', 'sales2') AND team_id IS NULL`, [DEMO_SALES_TEAM.id]);
}
