// The arithmetic of the sales screens (docs/sales.md): the weighted forecast (Σ value ×
// probability) and how far a budget is spent. Pure, so the server, the desktop and the tests
// compute the same figures. Amounts are whole rupiah; sums go through BigInt because
// value × probability passes 2^53 for large deals.

/** One opportunity (or a group of them) as the forecast counts it. */
export interface ForecastInput {
  /** The month of the expected close, `YYYY-MM`. */
  month: string;
  valueIdr: number | bigint;
  /** 0–100 (the stage's). */
  probability: number;
}

export interface ForecastMonth {
  month: string;
  /** Σ value of the month's open opportunities. */
  pipelineIdr: number;
  /** Σ value × probability / 100, rounded once to whole rupiah (half up). */
  weightedIdr: number;
  count: number;
}

/** Divides by 100 rounding half up (amounts are never negative). */
function divRoundHalfUp(n: bigint, d: bigint): bigint {
  return (n * 2n + d) / (2n * d);
}

/**
 * The forecast by month, months in order. Each month's weighted sum is rounded once, not per
 * opportunity: three deals of Rp 1 at 50 % weigh Rp 2 (1.5 rounded), not Rp 3.
 */
export function forecastByMonth(rows: readonly ForecastInput[]): ForecastMonth[] {
  const byMonth = new Map<string, { pipeline: bigint; weighted100: bigint; count: number }>();
  for (const r of rows) {
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(r.month)) throw new Error(`month ${r.month} is not YYYY-MM`);
    if (!Number.isInteger(r.probability) || r.probability < 0 || r.probability > 100) throw new Error(`probability ${r.probability} is not 0–100`);
    const value = BigInt(r.valueIdr);
    if (value < 0n) throw new Error('a value is never negative');
    const m = byMonth.get(r.month) ?? { pipeline: 0n, weighted100: 0n, count: 0 };
    m.pipeline += value;
    m.weighted100 += value * BigInt(r.probability);
    m.count += 1;
    byMonth.set(r.month, m);
  }
  return [...byMonth.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([month, m]) => ({
    month, pipelineIdr: Number(m.pipeline), weightedIdr: Number(divRoundHalfUp(m.weighted100, 100n)), count: m.count,
  }));
}

export type BudgetState = 'none' | 'ok' | 'warn' | 'over';

/**
 * Where a budget stands: `warn` from `warnPercent` % spent (inclusive) up to 100 % exactly,
 * `over` above 100 %. No budget (0 or none) with nothing spent is `none`; anything spent
 * against no budget is `over`. Integer comparisons only (no percentage rounding at the edge).
 */
export function budgetState(spentIdr: number, budgetIdr: number | null, warnPercent: number): BudgetState {
  if (!budgetIdr) return spentIdr > 0 ? 'over' : 'none';
  const spent = BigInt(spentIdr) * 100n;
  const budget = BigInt(budgetIdr);
  if (spent > budget * 100n) return 'over';
  if (spent >= budget * BigInt(warnPercent)) return 'warn';
  return 'ok';
}

/** Spent as a whole percentage of the budget, rounded down (99.9 % shows 99 %, not 100 %); null without a budget. */
export function spentPercent(spentIdr: number, budgetIdr: number | null): number | null {
  if (!budgetIdr) return null;
  return Number((BigInt(spentIdr) * 100n) / BigInt(budgetIdr));
}

export type PeriodKind = 'month' | 'quarter';
export interface Period { kind: PeriodKind; key: string; start: string; end: string }

const pad = (n: number) => String(n).padStart(2, '0');

/** `2026-12` (a month) or `2026-Q4` (a quarter) → its first and last day; null when malformed. */
export function parsePeriod(key: string): Period | null {
  const month = /^(\d{4})-(0[1-9]|1[0-2])$/.exec(key);
  const quarter = /^(\d{4})-Q([1-4])$/.exec(key);
  if (!month && !quarter) return null;
  const year = Number((month ?? quarter)![1]);
  if (year < 2000 || year > 2100) return null;
  const firstMonth = month ? Number(month[2]) : (Number(quarter![2]) - 1) * 3 + 1;
  const lastMonth = month ? firstMonth : firstMonth + 2;
  const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate();
  return {
    kind: month ? 'month' : 'quarter', key,
    start: `${year}-${pad(firstMonth)}-01`, end: `${year}-${pad(lastMonth)}-${pad(lastDay)}`,
  };
}

/** The period key of a day: its month, or its quarter. */
export function periodOf(day: string, kind: PeriodKind): string {
  const [y, m] = day.split('-');
  return kind === 'month' ? `${y}-${m}` : `${y}-Q${Math.floor((Number(m) - 1) / 3) + 1}`;
}
