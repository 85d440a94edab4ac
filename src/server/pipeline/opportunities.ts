// Opportunities (docs/sales.md): the board (each stage's count, value, weighted value and its
// first cards), the list, one opportunity with its activities, create, move between stages,
// and the forecast by month. Moving to the won stage writes a contract (the post-sales
// contracts table, so it reaches the customer screen's Contracts tab through the sync like a
// feed's contract) and makes a suspect or prospect a customer; moving to lost needs a reason.
import { randomUUID } from 'node:crypto';
import { type z } from 'zod';
import { SapaError } from '../../shared/errors.js';
import { type SessionUser } from '../../shared/http.js';
import {
  type Board, type BoardQuery, type Forecast, type ForecastQuery, type Opportunity, type OpportunityActivityCreate, type OpportunityCreate,
  type OpportunityDetail, type OpportunityListQuery, type OpportunityMove, type ProductLine,
} from '../../shared/pipeline.js';
import { forecastByMonth } from '../../shared/sales-money.js';
import { type Db, type SqlParam } from '../db/db.js';
import { withWriteTransaction } from '../db/write-transaction.js';
import { businessToday } from '../integrations/upsert.js';
import { ownerClause, ownersFor, requireVisibleOwner } from './scope.js';
import { stageOf } from './settings.js';
import { advanceLifecycle } from '../sales/prospects/lifecycle.js';
import { checkCatalogueLines } from './catalogue-lines.js';

interface Row {
  id: string; opportunity_no: string; customer_id: string; full_name: string; salutation: Opportunity['salutation']; lifecycle: Opportunity['lifecycle'];
  title: string; stage_code: string; value_idr: number; expected_close: string; products: Opportunity['products']; owner_id: string; owner_name: string;
  next_step: string | null; next_step_due: string | null; lost_reason: string | null; contract_id: string | null; contract_no: string | null;
  closed_at: string | null; revision: number; updated_at: string;
}

const SELECT = `SELECT o.id, o.opportunity_no, o.customer_id, c.full_name, c.salutation, c.lifecycle, o.title, o.stage_code, o.value_idr,
  o.expected_close::text AS expected_close, o.products, o.owner_id, u.display_name AS owner_name, o.next_step, o.next_step_due::text AS next_step_due,
  o.lost_reason, o.contract_id, k.contract_no, o.closed_at, o.revision, o.updated_at
  FROM opportunities o JOIN customers c ON c.id = o.customer_id JOIN users u ON u.id = o.owner_id LEFT JOIN contracts k ON k.id = o.contract_id`;

const toOpportunity = (r: Row): Opportunity => ({
  id: r.id, opportunityNo: r.opportunity_no, customerId: r.customer_id, customerName: r.full_name, salutation: r.salutation, lifecycle: r.lifecycle,
  title: r.title, stageCode: r.stage_code, valueIdr: r.value_idr, expectedClose: r.expected_close, products: r.products, ownerId: r.owner_id,
  ownerName: r.owner_name, nextStep: r.next_step, nextStepDue: r.next_step_due, lostReason: r.lost_reason, contractId: r.contract_id,
  contractNo: r.contract_no, closedAt: r.closed_at, revision: r.revision, updatedAt: r.updated_at,
});

export async function pipelineBoard(db: Db, user: SessionUser, q: z.output<typeof BoardQuery>): Promise<Board> {
  const owners = await ownersFor(db, user, q.owner);
  const params: SqlParam[] = owners === null ? [] : [owners];
  const where = ownerClause('o.owner_id', owners, 1);
  // Aggregated before the join (one pass over the index-only covering index), then matched to the stages.
  const totals = await db.query<{ code: string; probability: number; count: number; value: number }>(
    `SELECT s.code, s.probability, COALESCE(a.n, 0)::int AS count, COALESCE(a.v, 0)::bigint AS value
     FROM opportunity_stages s LEFT JOIN (
       SELECT o.stage_code, count(*) AS n, sum(o.value_idr) AS v FROM opportunities o WHERE ${where} GROUP BY o.stage_code
     ) a ON a.stage_code = s.code
     WHERE s.active ORDER BY s.position, s.code`, params);
  // Each column's first cards in one statement: a lateral index scan per stage (opportunities_board).
  const cards = await db.query<Row & { col: string }>(
    `SELECT x.* FROM opportunity_stages s CROSS JOIN LATERAL (
       ${SELECT} WHERE o.stage_code = s.code AND ${where} ORDER BY o.expected_close, o.id LIMIT ${q.perStage}) x
     WHERE s.active`, params);
  return {
    columns: totals.map((t) => ({
      stageCode: t.code, count: t.count, valueIdr: t.value,
      weightedIdr: forecastByMonth([{ month: '2000-01', valueIdr: t.value, probability: t.probability }])[0]?.weightedIdr ?? 0,
      cards: cards.filter((c) => c.stage_code === t.code).map(toOpportunity),
    })),
  };
}

export async function listOpportunities(db: Db, user: SessionUser, q: z.output<typeof OpportunityListQuery>): Promise<{ opportunities: Opportunity[]; total: number }> {
  const owners = await ownersFor(db, user, q.owner);
  const params: SqlParam[] = [];
  const conds: string[] = [];
  if (owners !== null) { params.push(owners); conds.push(`o.owner_id = ANY($${params.length}::uuid[])`); }
  if (q.stage) { params.push(q.stage); conds.push(`o.stage_code = $${params.length}`); }
  if (q.q) {
    params.push(`%${q.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
    conds.push(`(o.title ILIKE $${params.length} OR c.full_name ILIKE $${params.length} OR o.opportunity_no ILIKE $${params.length})`);
  }
  const where = conds.length ? `WHERE ${conds.join(' AND ')}` : '';
  const [count] = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM opportunities o JOIN customers c ON c.id = o.customer_id ${where}`, params);
  const rows = await db.query<Row>(`${SELECT} ${where} ORDER BY o.expected_close, o.id LIMIT ${q.limit} OFFSET ${q.offset}`, params);
  return { opportunities: rows.map(toOpportunity), total: count?.n ?? 0 };
}

async function loadRow(db: Db, id: string): Promise<Row> {
  const [r] = await db.query<Row>(`${SELECT} WHERE o.id = $1`, [id]);
  if (!r) throw new SapaError('NOT_FOUND', `Opportunity ${id} does not exist`);
  return r;
}

export async function getOpportunity(db: Db, user: SessionUser, id: string): Promise<OpportunityDetail> {
  const r = await loadRow(db, id);
  await requireVisibleOwner(db, user, r.owner_id, 'opportunity');
  const activities = await db.query<{ id: string; kind: OpportunityDetail['activities'][number]['kind']; body: string; author_name: string | null; at: string }>(
    `SELECT a.id, a.kind, a.body, u.display_name AS author_name, a.at FROM opportunity_activities a LEFT JOIN users u ON u.id = a.author_id
     WHERE a.opportunity_id = $1 ORDER BY a.at DESC, a.id DESC LIMIT 200`, [id]);
  return { ...toOpportunity(r), activities: activities.map((a) => ({ id: a.id, kind: a.kind, body: a.body, authorName: a.author_name, at: a.at })) };
}

async function activity(tx: Db, opportunityId: string, kind: string, body: string, authorId: string): Promise<void> {
  await tx.query('INSERT INTO opportunity_activities (id, opportunity_id, kind, body, author_id) VALUES ($1, $2, $3, $4, $5)',
    [randomUUID(), opportunityId, kind, body, authorId]);
}

/** The first open stage of the board: where a new opportunity starts unless told otherwise. */
export async function firstOpenStage(db: Db): Promise<string> {
  return (await db.query<{ code: string }>(
    `SELECT code FROM opportunity_stages WHERE active AND kind = 'open' ORDER BY position LIMIT 1`))[0]?.code ?? 'qualify';
}

export interface NewOpportunity {
  customerId: string; title: string; stageCode: string; valueIdr: number; expectedClose: string; products: readonly ProductLine[];
  ownerId: string; nextStep: string | null; nextStepDue: string | null;
}

/**
 * Writes an opportunity and its `created` activity inside the caller's write transaction
 * (the pipeline's create and a sale during a service call share it). The stage must be an
 * open one and the products lines of the catalogue.
 */
export async function insertOpportunity(tx: Db, o: NewOpportunity, authorId: string): Promise<{ id: string; opportunityNo: string }> {
  const stage = await stageOf(tx, o.stageCode);
  if (stage.kind !== 'open') throw new SapaError('INVALID_INPUT', 'stageCode: a new opportunity starts in an open stage');
  await checkCatalogueLines(tx, o.products);
  const id = randomUUID();
  const [row] = await tx.query<{ opportunity_no: string }>(
    `INSERT INTO opportunities (id, opportunity_no, customer_id, title, stage_code, value_idr, expected_close, products, owner_id, next_step, next_step_due)
     VALUES ($1, 'OPP-' || lpad(nextval('opportunity_no_seq')::text, 6, '0'), $2, $3, $4, $5, $6::date, $7::jsonb, $8, $9, $10::date)
     RETURNING opportunity_no`,
    [id, o.customerId, o.title, stage.code, o.valueIdr, o.expectedClose, JSON.stringify(o.products), o.ownerId, o.nextStep || null, o.nextStepDue]);
  await activity(tx, id, 'created', o.title, authorId);
  return { id, opportunityNo: row!.opportunity_no };
}

export async function createOpportunity(db: Db, user: SessionUser, input: z.output<typeof OpportunityCreate>): Promise<OpportunityDetail> {
  const ownerId = input.ownerId ?? user.id;
  await requireVisibleOwner(db, user, ownerId, 'opportunity');
  const [customer] = await db.query<{ id: string }>('SELECT id FROM customers WHERE id = $1', [input.customerId]);
  if (!customer) throw new SapaError('INVALID_INPUT', 'customerId: there is no such customer');
  const stageCode = input.stageCode ?? await firstOpenStage(db);
  const { id } = await withWriteTransaction(db, (tx) => insertOpportunity(tx, { ...input, stageCode, ownerId }, user.id));
  return getOpportunity(db, user, id);
}

export async function addOpportunityActivity(db: Db, user: SessionUser, id: string, input: z.output<typeof OpportunityActivityCreate>): Promise<OpportunityDetail> {
  const r = await loadRow(db, id);
  await requireVisibleOwner(db, user, r.owner_id, 'opportunity');
  await withWriteTransaction(db, async (tx) => {
    await activity(tx, id, input.kind, input.body, user.id);
    if (input.kind === 'next_step') {
      await tx.query('UPDATE opportunities SET next_step = $2, next_step_due = $3::date, updated_at = now(), revision = revision + 1 WHERE id = $1',
        [id, input.body.slice(0, 500), input.nextStepDue ?? null]);
    }
  });
  return getOpportunity(db, user, id);
}

/**
 * Moves an opportunity to another stage. A stale revision is refused (CONFLICT: someone
 * moved it meanwhile). Won: writes its contract once (active from the business day, the
 * value and the products), and makes a suspect or prospect a customer. Lost: needs a reason.
 * A closed opportunity does not move again.
 */
export async function moveOpportunity(db: Db, user: SessionUser, id: string, input: z.output<typeof OpportunityMove>): Promise<OpportunityDetail> {
  const before = await loadRow(db, id);
  await requireVisibleOwner(db, user, before.owner_id, 'opportunity');
  const target = await stageOf(db, input.stageCode);
  if (target.kind === 'lost' && !input.lostReason) throw new SapaError('INVALID_INPUT', 'lostReason: say why it was lost');
  if (input.lostReason) {
    const [reason] = await db.query('SELECT 1 FROM lost_reasons WHERE code = $1', [input.lostReason]);
    if (!reason) throw new SapaError('INVALID_INPUT', `lostReason: there is no reason ${input.lostReason}`);
  }
  await withWriteTransaction(db, async (tx) => {
    const [cur] = await tx.query<{ revision: number; closed_at: string | null; stage_code: string }>(
      'SELECT revision, closed_at, stage_code FROM opportunities WHERE id = $1 FOR UPDATE', [id]);
    if (!cur) throw new SapaError('NOT_FOUND', `Opportunity ${id} does not exist`);
    if (cur.closed_at !== null) throw new SapaError('CONFLICT', `${before.opportunity_no} is closed (${cur.stage_code}): it does not move again`);
    if (cur.revision !== input.revision) {
      throw new SapaError('CONFLICT', `${before.opportunity_no} was changed meanwhile: reload and try again`, { revision: cur.revision });
    }
    if (cur.stage_code === target.code) return;
    let contractId: string | null = null;
    if (target.kind === 'won') contractId = await writeContract(tx, before);
    await tx.query(
      `UPDATE opportunities SET stage_code = $2, revision = revision + 1, updated_at = now(),
         closed_at = CASE WHEN $3 THEN now() ELSE NULL END, contract_id = COALESCE($4, contract_id),
         lost_reason = $5, lost_note = $6 WHERE id = $1`,
      [id, target.code, target.kind !== 'open', contractId, target.kind === 'lost' ? input.lostReason ?? null : null,
        target.kind === 'lost' ? input.lostNote ?? null : null]);
    await activity(tx, id, target.kind === 'open' ? 'stage' : target.kind, target.kind === 'lost'
      ? `${cur.stage_code} → ${target.code}: ${input.lostReason ?? ''}${input.lostNote ? ` (${input.lostNote})` : ''}`
      : `${cur.stage_code} → ${target.code}`, user.id);
    // "The lifecycle stage moves with the pipeline": a won contract makes a suspect or a
    // prospect a customer; a loyal customer or an advocate stays where they are (forward only).
    if (target.kind === 'won') await advanceLifecycle(tx, before.customer_id, 'customer');
  });
  return getOpportunity(db, user, id);
}

async function writeContract(tx: Db, o: Row): Promise<string> {
  const id = randomUUID();
  const [owner] = await tx.query<{ username: string }>('SELECT username FROM users WHERE id = $1', [o.owner_id]);
  const product = o.products.length > 0 ? o.products.map((p) => (p.quantity > 1 ? `${p.code} × ${p.quantity}` : p.code)).join(', ') : o.title;
  await tx.query(
    `INSERT INTO contracts (id, contract_no, customer_id, product, start_date, end_date, monthly_fee_idr, status, value_idr, owner_username, source, updated_at)
     VALUES ($1, $2, $3, $4, $5::date, NULL, 0, 'active', $6, $7, 'opportunity', now())`,
    [id, `CTR-${o.opportunity_no}`, o.customer_id, product.slice(0, 500), businessToday(), o.value_idr, owner?.username ?? null]);
  return id;
}

export async function pipelineForecast(db: Db, user: SessionUser, q: z.output<typeof ForecastQuery>): Promise<Forecast> {
  const owners = await ownersFor(db, user, q.owner);
  const [y, m] = q.from.split('-').map(Number) as [number, number];
  const months = Array.from({ length: q.months }, (_, i) => {
    const d = new Date(Date.UTC(y, m - 1 + i, 1));
    return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
  });
  const start = `${months[0]}-01`;
  const last = months[months.length - 1]!.split('-').map(Number) as [number, number];
  const end = new Date(Date.UTC(last[0], last[1], 1)).toISOString().slice(0, 10);
  const params: SqlParam[] = [start, end];
  if (owners !== null) params.push(owners);
  const where = ownerClause('o.owner_id', owners, 3);
  const open = await db.query<{ month: string; probability: number; value: number; count: number }>(
    `SELECT to_char(o.expected_close, 'YYYY-MM') AS month, s.probability, sum(o.value_idr)::bigint AS value, count(*)::int AS count
     FROM opportunities o JOIN opportunity_stages s ON s.code = o.stage_code
     WHERE s.kind = 'open' AND o.expected_close >= $1::date AND o.expected_close < $2::date AND ${where}
     GROUP BY 1, 2`, params);
  const won = await db.query<{ month: string; value: number }>(
    `SELECT to_char(o.closed_at AT TIME ZONE 'Asia/Jakarta', 'YYYY-MM') AS month, sum(o.value_idr)::bigint AS value
     FROM opportunities o JOIN opportunity_stages s ON s.code = o.stage_code
     WHERE s.kind = 'won' AND o.closed_at >= ($1::date::timestamp AT TIME ZONE 'Asia/Jakarta') AND o.closed_at < ($2::date::timestamp AT TIME ZONE 'Asia/Jakarta') AND ${where}
     GROUP BY 1`, params);
  // The grouped rows carry Σ value per (month, probability): the same weighting as one row per opportunity.
  const f = new Map(forecastByMonth(open.map((r) => ({ month: r.month, valueIdr: r.value, probability: r.probability }))).map((x) => [x.month, x]));
  const counts = new Map<string, number>();
  for (const r of open) counts.set(r.month, (counts.get(r.month) ?? 0) + r.count);
  const wonBy = new Map(won.map((w) => [w.month, w.value]));
  return {
    months: months.map((month) => ({
      month, pipelineIdr: f.get(month)?.pipelineIdr ?? 0, weightedIdr: f.get(month)?.weightedIdr ?? 0,
      count: counts.get(month) ?? 0, wonIdr: wonBy.get(month) ?? 0,
    })),
  };
}
