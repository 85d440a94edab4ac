// The Prospects screen's routes (src/shared/sales/prospects.ts): list, create (de-duplicated,
// assigned), stage, reassign, CSV import with its report, assignment rules. A sales rep sees
// and moves only the prospects they own and the imports they ran; a manager or admin everyone's.
import { createReadStream } from 'node:fs';
import { type Readable } from 'node:stream';
import { v7 as uuidv7 } from 'uuid';
import { type LifecycleStage } from '../../../shared/domain.js';
import { SapaError } from '../../../shared/errors.js';
import { type SessionUser } from '../../../shared/http.js';
import { can } from '../../../shared/permissions.js';
import { PROSPECT_IMPORT_MAX_BYTES, type Prospect, type ProspectListQuery } from '../../../shared/sales/prospects.js';
import { audit } from '../../auth/audit.js';
import { type Db } from '../../db/db.js';
import { withWriteTransaction } from '../../db/write-transaction.js';
import { closeAfterReply } from '../../http/errors.js';
import { type RegisterRoute } from '../../http/route.js';
import { spoolUpload } from '../../imports/spool.js';
import { createImport, getImport } from '../../imports/store.js';
import { checkOwner, readRules, saveRules } from './assign.js';
import { runProspectImport } from './import.js';
import { saveProspect } from './save.js';

interface ProspectRow {
  customer_id: string; customer_no: string; full_name: string; phones: { e164: string }[]; emails: string[]; lifecycle: LifecycleStage;
  branch: string | null; source: string; owner_id: string | null; owner_name: string | null; interest: string;
  products_of_interest: string[]; updated_at: Date;
}
const SELECT = `SELECT p.customer_id, c.customer_no, c.full_name, c.phones, c.emails, c.lifecycle, c.branch, p.source,
  p.owner_id::text AS owner_id, u.display_name AS owner_name, p.interest, p.products_of_interest, p.updated_at
  FROM prospect_profiles p JOIN customers c ON c.id = p.customer_id LEFT JOIN users u ON u.id = p.owner_id`;
const toProspect = (r: ProspectRow): Prospect => ({
  customerId: r.customer_id, customerNo: r.customer_no, fullName: r.full_name, phones: r.phones.map((x) => x.e164), emails: r.emails,
  lifecycle: r.lifecycle, branch: r.branch, source: r.source, ownerId: r.owner_id, ownerName: r.owner_name, interest: r.interest,
  productsOfInterest: r.products_of_interest, updatedAt: r.updated_at.toISOString(),
});

/** A rep sees only their own; a manager or admin everyone's. */
const seesAll = (user: SessionUser) => can(user.role, 'prospects.assign');

async function listProspects(db: Db, user: SessionUser, q: ProspectListQuery): Promise<Prospect[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  if (!seesAll(user) || q.mine === 'true') { params.push(user.id); where.push(`p.owner_id = $${params.length}`); }
  if (q.stage) { params.push(q.stage); where.push(`c.lifecycle = $${params.length}`); }
  if (q.q) { params.push(`%${q.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`); where.push(`c.full_name ILIKE $${params.length}`); }
  params.push(q.limit);
  const rows = await db.query<ProspectRow>(
    `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY p.updated_at DESC, p.customer_id LIMIT $${params.length}`,
    params as never[]);
  return rows.map(toProspect);
}

async function readProspect(db: Db, user: SessionUser, customerId: string, forUpdate = false): Promise<Prospect> {
  const [row] = await db.query<ProspectRow>(`${SELECT} WHERE p.customer_id = $1${forUpdate ? ' FOR UPDATE OF p' : ''}`, [customerId]);
  // Another rep's prospect answers as missing: its existence is not the caller's business.
  if (!row || (!seesAll(user) && row.owner_id !== user.id)) throw new SapaError('NOT_FOUND', `No prospect ${customerId}`);
  return toProspect(row);
}

export function registerProspectRoutes(register: RegisterRoute, db: Db): void {
  register('prospects.list', async ({ query, user }) => ({ prospects: await listProspects(db, user, query) }));

  register('prospects.create', async ({ body, user }) => {
    const saved = await withWriteTransaction(db, (tx) => saveProspect(tx, user, body));
    await audit(db, 'prospects.create', user.id, saved.customer.id, { outcome: saved.outcome });
    return saved;
  });

  register('prospects.stage', async ({ params, body, user }) => withWriteTransaction(db, async (tx) => {
    const p = await readProspect(tx, user, params.id, true);
    // By hand only between suspect and prospect (qualify / disqualify); a customer's stage
    // moves with their contracts (advanceLifecycle, called by the selling pipeline).
    const manual: readonly LifecycleStage[] = ['suspect', 'prospect'];
    if (!manual.includes(p.lifecycle) || !manual.includes(body.to)) {
      throw new SapaError('CONFLICT', `A prospect moves by hand between suspect and prospect; ${p.fullName} is ${p.lifecycle}, and becomes a customer when a contract is won`);
    }
    await tx.query('UPDATE customers SET lifecycle = $2, updated_at = now() WHERE id = $1', [p.customerId, body.to]);
    await tx.query('UPDATE prospect_profiles SET updated_at = now() WHERE customer_id = $1', [p.customerId]);
    return { id: p.customerId, customerNo: p.customerNo, fullName: p.fullName, lifecycle: body.to };
  }));

  register('prospects.assign', async ({ params, body, user }) => {
    const owner = await checkOwner(db, body.ownerId);
    await withWriteTransaction(db, async (tx) => {
      await readProspect(tx, user, params.id, true);
      await tx.query('UPDATE prospect_profiles SET owner_id = $2, updated_at = now() WHERE customer_id = $1', [params.id, owner.id]);
      await tx.query('INSERT INTO working_sets (user_id, customer_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [owner.id, params.id]);
    });
    await audit(db, 'prospects.assign', user.id, params.id, { ownerId: owner.id });
    return readProspect(db, user, params.id);
  });

  register('prospects.import', async ({ query: { fileName }, body: raw, user, request, reply }) => {
    const body = raw as Readable | undefined;
    if (!body || typeof body.pipe !== 'function') throw new SapaError('INVALID_INPUT', 'Send the CSV as the body with Content-Type: text/csv');
    const file = await spoolUpload(body, PROSPECT_IMPORT_MAX_BYTES).catch((err: unknown) => { closeAfterReply(reply); throw err; });
    const id = uuidv7();
    const status = await createImport(db, id, fileName, user.id);
    await audit(db, 'import_started', user.id, fileName, { importId: id, bytes: file.bytes, kind: 'prospects' });
    void runProspectImport(db, id, user, createReadStream(file.path), { byteLimit: PROSPECT_IMPORT_MAX_BYTES, log: request.log })
      .then(async () => {
        const final = await getImport(db, id);
        await audit(db, 'import_finished', user.id, fileName, { importId: id, state: final.state, rows: final.rowsRead, kind: 'prospects' });
      })
      .catch((err: unknown) => request.log.error({ err }, 'prospect import bookkeeping failed'))
      .finally(() => void file.remove());
    return status;
  }, { bodyLimit: PROSPECT_IMPORT_MAX_BYTES });

  register('prospects.importReport', async ({ params, user }) => {
    const [own] = await db.query<{ created_by: string | null }>('SELECT created_by::text AS created_by FROM imports WHERE id = $1', [params.id]);
    if (!own || (!seesAll(user) && own.created_by !== user.id)) throw new SapaError('NOT_FOUND', `No import ${params.id}`);
    const status = await getImport(db, params.id);
    const LIMIT = 1000;
    const lines = await db.query<{ line: number; outcome: 'created' | 'merged' | 'rejected'; customer_id: string | null; customer_no: string | null; customer_name: string | null; reason: string | null }>(
      `SELECT line, outcome, customer_id::text AS customer_id, customer_no, customer_name, reason FROM prospect_import_lines
       WHERE import_id = $1 ORDER BY line LIMIT $2`, [params.id, LIMIT + 1]);
    return {
      status, more: lines.length > LIMIT,
      lines: lines.slice(0, LIMIT).map((l) => ({ line: l.line, outcome: l.outcome, customerId: l.customer_id, customerNo: l.customer_no, customerName: l.customer_name, reason: l.reason })),
    };
  });

  register('prospects.rules', async () => readRules(db));
  register('prospects.saveRules', async ({ body, user }) => {
    await withWriteTransaction(db, (tx) => saveRules(tx, body.rules, user.id));
    await audit(db, 'prospects.saveRules', user.id, null, { rules: body.rules.map((r) => ({ branch: r.branch, reps: r.repIds.length })) });
    return readRules(db);
  });
}
