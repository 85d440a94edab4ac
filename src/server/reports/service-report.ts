// The service report (docs/reports.md, "Service report"): calls by queue, team, site, agent
// and customer tier from the daily rollup (report_service_daily: ≤ days × combinations rows,
// never the event log), e-mails answered within 2 working hours against 90 %, and call-backs
// kept. The figures use the live floor's formulas (serviceFigures below is the one place).
import { periodBounds, type Period } from '../../shared/report-periods.js';
import { reportText, type ReportLanguage } from '../../shared/report-text.js';
import { type DrillPage, type ReportColumn, type ReportRow } from '../../shared/reports.js';
import { type Db } from '../db/db.js';
import { HANDLE_TARGET_SEC } from './service-rollup.js';

export interface ServiceSums {
  answered: number; answeredInTarget: number; abandoned: number; shortAbandoned: number;
  answeredWaitSec: number; handled: number; handleSec: number; handledInTarget: number;
}

const pct = (part: number, whole: number): number | null => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : null);
const avg = (sum: number, n: number): number | null => (n > 0 ? Math.round((sum / n) * 10) / 10 : null);

/** The figures of docs/reports.md from the sums (the floor's SL and abandonment formulas). */
export function serviceFigures(s: ServiceSums): Record<string, number | null> {
  const counted = s.answered + s.abandoned;
  return {
    offered: s.answered + s.abandoned + s.shortAbandoned,
    answered: s.answered,
    abandoned: s.abandoned,
    shortAbandoned: s.shortAbandoned,
    serviceLevel: pct(s.answeredInTarget, counted),
    abandonment: pct(s.abandoned, counted),
    asa: avg(s.answeredWaitSec, s.answered),
    aht: avg(s.handleSec, s.handled),
    handledInTarget: pct(s.handledInTarget, s.handled),
  };
}

export const SERVICE_COLUMNS: ReportColumn[] = [
  { key: 'offered', kind: 'count' }, { key: 'answered', kind: 'count' }, { key: 'abandoned', kind: 'count' },
  { key: 'shortAbandoned', kind: 'count' }, { key: 'serviceLevel', kind: 'percent' }, { key: 'abandonment', kind: 'percent' },
  { key: 'asa', kind: 'seconds' }, { key: 'aht', kind: 'seconds', target: { value: HANDLE_TARGET_SEC, better: 'below' } },
  { key: 'handledInTarget', kind: 'percent' },
];

/** The dimensions a service section groups by: the rollup column and its "none" label. */
export const SERVICE_DIMENSIONS = {
  byQueue: { column: 'queue_code', none: 'none.queue' },
  byTeam: { column: 'team_id', none: 'none.team' },
  bySite: { column: 'site_code', none: 'none.site' },
  byAgent: { column: 'agent_id', none: 'none.agent' },
  byTier: { column: 'tier', none: 'none.tier' },
} as const;
export type ServiceDimension = keyof typeof SERVICE_DIMENSIONS;
export const isServiceDimension = (s: string): s is ServiceDimension => Object.hasOwn(SERVICE_DIMENSIONS, s);

interface SumRow {
  answered: string; answered_in_target: string; abandoned: string; short_abandoned: string;
  answered_wait_sec: number; handled: string; handle_sec: number; handled_in_target: string;
}

const toSums = (r: SumRow): ServiceSums => ({
  answered: Number(r.answered), answeredInTarget: Number(r.answered_in_target), abandoned: Number(r.abandoned),
  shortAbandoned: Number(r.short_abandoned), answeredWaitSec: Number(r.answered_wait_sec), handled: Number(r.handled),
  handleSec: Number(r.handle_sec), handledInTarget: Number(r.handled_in_target),
});

/** Sums per value of every dimension over the period's days (key '' = none), and the total. */
export type ServiceSumsByDimension = Record<ServiceDimension | 'total', Map<string, ServiceSums>>;

const DIMENSION_LIST = Object.keys(SERVICE_DIMENSIONS) as ServiceDimension[];

/**
 * One scan of the period's rollup rows for all five dimensions and the total (GROUPING SETS):
 * a yearly report reads the year's rows once instead of once per section.
 */
export async function serviceSums(db: Db, period: Period): Promise<ServiceSumsByDimension> {
  const cols = DIMENSION_LIST.map((d) => SERVICE_DIMENSIONS[d].column);
  const rows = await db.query<SumRow & Record<string, string | number | null>>(
    `SELECT ${cols.map((c) => `${c}::text AS k_${c}, GROUPING(${c}) AS g_${c}`).join(', ')},
            sum(answered) AS answered, sum(answered_in_target) AS answered_in_target,
            sum(abandoned) AS abandoned, sum(short_abandoned) AS short_abandoned, sum(answered_wait_sec) AS answered_wait_sec,
            sum(handled) AS handled, sum(handle_sec) AS handle_sec, sum(handled_in_target) AS handled_in_target
       FROM report_service_daily WHERE day BETWEEN $1::date AND $2::date
      GROUP BY GROUPING SETS (${cols.map((c) => `(${c})`).join(', ')}, ())`,
    [period.from, period.to]);
  const out = Object.fromEntries([...DIMENSION_LIST, 'total'].map((d) => [d, new Map<string, ServiceSums>()])) as ServiceSumsByDimension;
  for (const r of rows) {
    const dim = DIMENSION_LIST.find((d) => Number(r[`g_${SERVICE_DIMENSIONS[d].column}`]) === 0);
    const key = dim ? r[`k_${SERVICE_DIMENSIONS[dim].column}`] : '';
    out[dim ?? 'total'].set(typeof key === 'string' ? key : '', toSums(r));
  }
  return out;
}

/** Names for dimension keys: queues by label, teams and agents by name, tiers in words. */
export async function dimensionLabels(db: Db, dim: ServiceDimension, keys: string[], language: ReportLanguage): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const ids = keys.filter((k) => k !== '');
  if (dim === 'byQueue') {
    for (const q of await db.query<{ code: string; label_id: string; label_en: string }>(
      'SELECT code, label_id, label_en FROM queues WHERE code = ANY($1::text[])', [ids])) out.set(q.code, language === 'id' ? q.label_id : q.label_en);
  } else if (dim === 'byTeam') {
    for (const t of await db.query<{ id: string; name: string }>('SELECT id::text, name FROM teams WHERE id::text = ANY($1::text[])', [ids])) out.set(t.id, t.name);
  } else if (dim === 'byAgent') {
    for (const u of await db.query<{ id: string; name: string }>('SELECT id::text, display_name AS name FROM users WHERE id::text = ANY($1::text[])', [ids])) out.set(u.id, u.name);
  } else if (dim === 'bySite') {
    for (const s of await db.query<{ code: string; name: string }>('SELECT code, name FROM sites WHERE code = ANY($1::text[])', [ids])) out.set(s.code, s.name);
  } else {
    for (const k of ids) out.set(k, reportText(language, `tier.${k}`));
  }
  for (const k of keys) if (!out.has(k)) out.set(k, k === '' ? reportText(language, SERVICE_DIMENSIONS[dim].none) : k);
  return out;
}

export async function serviceRows(
  db: Db, sums: ServiceSumsByDimension, sumsThen: ServiceSumsByDimension | null, dim: ServiceDimension, language: ReportLanguage,
): Promise<{ rows: ReportRow[]; total: ReportRow }> {
  const now = sums[dim];
  const then = sumsThen?.[dim] ?? null;
  const total = sums.total;
  const totalThen = sumsThen?.total ?? null;
  const keys = [...new Set([...now.keys(), ...(then?.keys() ?? [])])];
  const names = await dimensionLabels(db, dim, keys, language);
  const empty: ServiceSums = { answered: 0, answeredInTarget: 0, abandoned: 0, shortAbandoned: 0, answeredWaitSec: 0, handled: 0, handleSec: 0, handledInTarget: 0 };
  const rows = keys.map((key): ReportRow => ({
    key, label: names.get(key) ?? key, values: serviceFigures(now.get(key) ?? empty),
    ...(then ? { compare: serviceFigures(then.get(key) ?? empty) } : {}),
    drill: true,
  }));
  // None last; otherwise by name.
  rows.sort((a, b) => (a.key === '' ? 1 : 0) - (b.key === '' ? 1 : 0) || a.label.localeCompare(b.label));
  return {
    rows,
    total: {
      key: '*', label: reportText(language, 'total'), values: serviceFigures(total.get('') ?? empty),
      ...(totalThen ? { compare: serviceFigures(totalThen.get('') ?? empty) } : {}), drill: false,
    },
  };
}

/** E-mails received in the period (local days): answered by their due time (2 working hours at receipt), late or unanswered past due, still within time. */
export async function emailFigures(db: Db, period: Period, now: Date): Promise<Record<string, number | null>> {
  const bounds = periodBounds(period);
  const [r] = await db.query<{ received: string; in_target: string; missed: string; pending: string }>(
    `SELECT count(*) AS received,
            count(*) FILTER (WHERE answered_at IS NOT NULL AND answered_at <= due_at) AS in_target,
            count(*) FILTER (WHERE (answered_at IS NOT NULL AND answered_at > due_at) OR (answered_at IS NULL AND due_at < $3)) AS missed,
            count(*) FILTER (WHERE answered_at IS NULL AND due_at >= $3) AS pending
       FROM inbound_messages
      WHERE received_at >= $1 AND received_at < $2`,
    [bounds.start, bounds.end, now]);
  const inTarget = Number(r?.in_target ?? 0);
  const missed = Number(r?.missed ?? 0);
  return {
    received: Number(r?.received ?? 0), answeredInTarget: inTarget, missed, pending: Number(r?.pending ?? 0),
    withinTarget: pct(inTarget, inTarget + missed),
  };
}

export const EMAIL_COLUMNS = (targetRatio: number): ReportColumn[] => [
  { key: 'received', kind: 'count' }, { key: 'answeredInTarget', kind: 'count' }, { key: 'missed', kind: 'count' },
  { key: 'pending', kind: 'count' }, { key: 'withinTarget', kind: 'percent', target: { value: targetRatio * 100, better: 'above' } },
];

/** Call-backs due in the period: kept (done), missed (still open past due); cancelled ones are left out. */
export async function callbackFigures(db: Db, period: Period, now: Date): Promise<Record<string, number | null>> {
  const bounds = periodBounds(period);
  const [r] = await db.query<{ due: string; kept: string; missed: string }>(
    `SELECT count(*) FILTER (WHERE status <> 'cancelled') AS due,
            count(*) FILTER (WHERE status = 'done') AS kept,
            count(*) FILTER (WHERE status = 'open' AND due_at < $3) AS missed
       FROM callbacks
      WHERE due_at >= $1 AND due_at < $2`,
    [bounds.start, bounds.end, now]);
  const kept = Number(r?.kept ?? 0);
  const missed = Number(r?.missed ?? 0);
  return { due: Number(r?.due ?? 0), kept, missed, keptPct: pct(kept, kept + missed) };
}

export const CALLBACK_COLUMNS: ReportColumn[] = [
  { key: 'due', kind: 'count' }, { key: 'kept', kind: 'count' }, { key: 'missed', kind: 'count' }, { key: 'keptPct', kind: 'percent' },
];

export const SERVICE_DRILL_COLUMNS: ReportColumn[] = [
  { key: 'at', kind: 'text' }, { key: 'queue', kind: 'text' }, { key: 'agent', kind: 'text' }, { key: 'team', kind: 'text' },
  { key: 'tier', kind: 'text' }, { key: 'customer', kind: 'text' }, { key: 'outcome', kind: 'text' },
  { key: 'wait', kind: 'seconds' }, { key: 'handle', kind: 'seconds', target: { value: HANDLE_TARGET_SEC, better: 'below' } },
];

interface DrillRow {
  ended_wait_at: Date; queue_code: string; agent: string | null; team: string | null; tier: string; customer: string | null;
  answered: boolean; wait_sec: number; handle_sec: number | null;
}

/** The SQL that selects the calls behind one row: its dimension = key in the period, within the caller's agents. */
function drillWhere(dim: ServiceDimension): string {
  const column = `c.${SERVICE_DIMENSIONS[dim].column}`;
  return `c.day BETWEEN $1::date AND $2::date AND COALESCE(${column}::text, '') = $3
          AND ($4::uuid[] IS NULL OR c.agent_id = ANY($4::uuid[]))`;
}

const DRILL_SELECT = `SELECT c.ended_wait_at, c.queue_code, u.display_name AS agent, tm.name AS team, c.tier, cu.full_name AS customer,
            c.answered, c.wait_sec, c.handle_sec
       FROM report_calls c
       LEFT JOIN users u ON u.id = c.agent_id
       LEFT JOIN teams tm ON tm.id = c.team_id
       LEFT JOIN cc_tasks t ON t.id = c.task_id
       LEFT JOIN customers cu ON cu.id = t.customer_id`;

function drillCells(r: DrillRow, language: ReportLanguage): Record<string, string | number | null> {
  return {
    at: new Date(r.ended_wait_at).toISOString(), queue: r.queue_code, agent: r.agent, team: r.team,
    tier: r.tier ? reportText(language, `tier.${r.tier}`) : null, customer: r.customer,
    outcome: reportText(language, r.answered ? 'outcome.answered' : 'outcome.abandoned'),
    wait: Math.round(r.wait_sec * 10) / 10, handle: r.handle_sec === null ? null : Math.round(r.handle_sec * 10) / 10,
  };
}

export async function serviceDrill(
  db: Db, period: Period, dim: ServiceDimension, key: string, scope: string[] | null, page: { offset: number; limit: number },
  language: ReportLanguage,
): Promise<DrillPage> {
  const params = [period.from, period.to, key, scope];
  const [count] = await db.query<{ n: string }>(`SELECT count(*) AS n FROM report_calls c WHERE ${drillWhere(dim)}`, params);
  const rows = await db.query<DrillRow>(
    `${DRILL_SELECT} WHERE ${drillWhere(dim)} ORDER BY c.ended_wait_at, c.task_id OFFSET $5 LIMIT $6`, [...params, page.offset, page.limit]);
  return { columns: SERVICE_DRILL_COLUMNS, rows: rows.map((r) => drillCells(r, language)), total: Number(count?.n ?? 0) };
}

/** Every call behind a row, a chunk at a time in order (the streamed XLSX/CSV of a drill-down). */
export async function* serviceDrillAll(
  db: Db, period: Period, dim: ServiceDimension, key: string, scope: string[] | null, language: ReportLanguage, chunk = 5_000,
): AsyncGenerator<Record<string, string | number | null>[]> {
  let after: { at: Date; id: string } | null = null;
  for (;;) {
    const rows: (DrillRow & { task_id: string })[] = await db.query<DrillRow & { task_id: string }>(
      `${DRILL_SELECT.replace('SELECT ', 'SELECT c.task_id, ')} WHERE ${drillWhere(dim)}
          AND ($5::timestamptz IS NULL OR (c.ended_wait_at, c.task_id) > ($5::timestamptz, $6::uuid))
        ORDER BY c.ended_wait_at, c.task_id LIMIT $7`,
      [period.from, period.to, key, scope, after?.at ?? null, after?.id ?? null, chunk]);
    if (rows.length === 0) return;
    yield rows.map((r) => drillCells(r, language));
    const last = rows[rows.length - 1];
    if (!last || rows.length < chunk) return;
    after = { at: last.ended_wait_at, id: last.task_id };
  }
}
