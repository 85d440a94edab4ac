// Sites (a building with its own SIP proxy and update mirror) and branches (the business
// unit customers and users belong to, each at one site). A branch code is the text that
// customers.branch and users.branch carry, so it cannot be renamed here, and a branch that
// customers, users or teams still name cannot be deleted.
import { SapaError } from '../../shared/errors.js';
import { type Branch, type Site } from '../../shared/org.js';
import { type Db } from '../db/db.js';
import { type RegisterRoute } from '../http/route.js';
import { refuseIfReferenced, withDbRefusals } from './db-errors.js';
import { listRows } from './list.js';

interface BranchRow { code: string; name: string; site_code: string | null }
const toBranch = (r: BranchRow): Branch => ({ code: r.code, name: r.name, siteCode: r.site_code });

async function count(db: Db, sql: string, value: string): Promise<number> {
  const [row] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${sql} LIMIT 10000) x`, [value]);
  return row?.n ?? 0;
}

async function requireSite(db: Db, code: string | null): Promise<void> {
  if (code === null) return;
  const [row] = await db.query<{ code: string }>('SELECT code FROM sites WHERE code = $1', [code]);
  if (!row) throw new SapaError('INVALID_INPUT', `No site "${code}"`, ['siteCode: not a site']);
}

export function registerPlaceRoutes(register: RegisterRoute, db: Db): void {
  register('org.sites.list', async ({ query }) => {
    const { rows, total } = await listRows<Site>(db, 'sites', 'code, name', ['code', 'name'], 'code', query);
    return { items: rows, total };
  });
  register('org.sites.create', async ({ body }) => {
    const [exists] = await db.query('SELECT 1 FROM sites WHERE code = $1', [body.code]);
    if (exists) throw new SapaError('CONFLICT', `A site "${body.code}" already exists`);
    const [row] = await withDbRefusals(`Site "${body.code}"`, () =>
      db.query<Site>('INSERT INTO sites (code, name) VALUES ($1, $2) RETURNING code, name', [body.code, body.name]));
    if (!row) throw new SapaError('INTERNAL', 'site not written');
    return row;
  });
  register('org.sites.update', async ({ params, body }) => {
    const [row] = await db.query<Site>('UPDATE sites SET name = $2 WHERE code = $1 RETURNING code, name', [params.id, body.name]);
    if (!row) throw new SapaError('NOT_FOUND', `No site "${params.id}"`);
    return row;
  });
  register('org.sites.delete', async ({ params }) => {
    refuseIfReferenced(`Site "${params.id}"`, {
      branches: await count(db, 'SELECT 1 FROM branches WHERE site_code = $1', params.id),
      desktops: await count(db, 'SELECT 1 FROM desktops WHERE site_code = $1', params.id),
    }, 'move its branches and desktops to another site first');
    const deleted = await withDbRefusals(`Site "${params.id}"`, () => db.query('DELETE FROM sites WHERE code = $1 RETURNING code', [params.id]));
    if (deleted.length === 0) throw new SapaError('NOT_FOUND', `No site "${params.id}"`);
    return { ok: true as const };
  });

  register('org.branches.list', async ({ query }) => {
    const { rows, total } = await listRows<BranchRow>(db, 'branches', 'code, name, site_code', ['code', 'name', 'site_code'], 'code', query);
    return { items: rows.map(toBranch), total };
  });
  register('org.branches.create', async ({ body }) => {
    const [exists] = await db.query('SELECT 1 FROM branches WHERE lower(code) = lower($1)', [body.code]);
    if (exists) throw new SapaError('CONFLICT', `A branch "${body.code}" already exists`);
    await requireSite(db, body.siteCode);
    const [row] = await withDbRefusals(`Branch "${body.code}"`, () => db.query<BranchRow>(
      'INSERT INTO branches (code, name, site_code) VALUES ($1, $2, $3) RETURNING code, name, site_code',
      [body.code, body.name, body.siteCode]));
    if (!row) throw new SapaError('INTERNAL', 'branch not written');
    return toBranch(row);
  });
  register('org.branches.update', async ({ params, body }) => {
    await requireSite(db, body.siteCode);
    const [row] = await withDbRefusals(`Branch "${params.id}"`, () => db.query<BranchRow>(
      'UPDATE branches SET name = $2, site_code = $3 WHERE code = $1 RETURNING code, name, site_code',
      [params.id, body.name, body.siteCode]));
    if (!row) throw new SapaError('NOT_FOUND', `No branch "${params.id}"`);
    return toBranch(row);
  });
  register('org.branches.delete', async ({ params }) => {
    refuseIfReferenced(`Branch "${params.id}"`, {
      teams: await count(db, 'SELECT 1 FROM teams WHERE branch_code = $1', params.id),
      users: await count(db, 'SELECT 1 FROM users WHERE branch = $1', params.id),
      customers: await count(db, 'SELECT 1 FROM customers WHERE branch = $1', params.id),
    }, 'keep it, or move its teams, users and customers to another branch first');
    const deleted = await withDbRefusals(`Branch "${params.id}"`, () =>
      db.query('DELETE FROM branches WHERE code = $1 RETURNING code', [params.id]));
    if (deleted.length === 0) throw new SapaError('NOT_FOUND', `No branch "${params.id}"`);
    return { ok: true as const };
  });
}
