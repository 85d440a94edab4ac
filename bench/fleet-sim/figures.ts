// The fleet simulator's figures from what the desktops reported: how long each write took to
// reach every desktop whose scope holds it, and which pokes went to desktops that held none
// of the rows written just before.
import { type Percentiles, percentiles } from '../stats.js';
import { type WriteRecord } from './writer.js';

/** A poke is for the writes committed in the STRAY_WINDOW_MS before it (a poke follows the commit, coalesced per tick). */
export const STRAY_WINDOW_MS = 3_000;

export interface Reach {
  /** rowId → desktop → epoch ms its pull returned the row. */
  seen: Map<string, Map<number, number>>;
  pokes: [number, number][];
}

export interface ReachFigures {
  writes: number;
  writesApplied: number;
  writesNotApplied: Record<string, number>;
  writesByKind: Record<string, number>;
  /** Per write: from the push being sent until the last holding desktop's pull returned the row. */
  allHoldersReachedMs: Percentiles;
  /** Per (write, holding desktop). */
  perDesktopMs: Percentiles;
  /** From the push's answer (the commit seen by the writer) to the last holder. */
  allHoldersAfterAnswerMs: Percentiles;
  pushMs: Percentiles;
  holdersPerWrite: Percentiles;
  deliveries: number;
  /** Holder desktops that never got the row by the end of the run. */
  missedDeliveries: number;
  /** Desktops that got the row without holding it (by the oracle): over-delivery. */
  unexpectedDeliveries: number;
  pokes: number;
  /** Pokes to a desktop holding none of the writes committed in the STRAY_WINDOW_MS before: target 0. */
  strayPokes: number;
  strayPokesBeforeFirstWrite: number;
}

export function reachFigures(writes: WriteRecord[], reach: Reach): ReachFigures {
  const applied = writes.filter((w) => w.ok && w.holders);
  const all: number[] = [];
  const afterAnswer: number[] = [];
  const per: number[] = [];
  let missed = 0;
  let unexpected = 0;
  let deliveries = 0;
  for (const w of applied) {
    const got = reach.seen.get(w.rowId) ?? new Map<number, number>();
    const holders = new Set(w.holders);
    let last = 0;
    let complete = true;
    for (const d of holders) {
      const t = got.get(d);
      if (t === undefined) { missed += 1; complete = false; continue; }
      deliveries += 1;
      per.push(Math.max(0, t - w.sentAt));
      last = Math.max(last, t);
    }
    for (const d of got.keys()) if (!holders.has(d)) unexpected += 1;
    if (complete && holders.size > 0) { all.push(Math.max(0, last - w.sentAt)); afterAnswer.push(Math.max(0, last - w.answeredAt)); }
  }
  // Stray pokes: a poke at t can be for a write sent before t whose commit (before its
  // answer) was at most STRAY_WINDOW_MS before t.
  const sorted = [...applied].sort((a, b) => a.sentAt - b.sentAt);
  const pokes = [...reach.pokes].sort((a, b) => a[1] - b[1]);
  const firstWrite = sorted[0]?.sentAt ?? Number.POSITIVE_INFINITY;
  const longestPush = Math.max(0, ...sorted.map((w) => w.answeredAt - w.sentAt));
  let stray = 0;
  let strayEarly = 0;
  let hi = 0;
  const holderSets = sorted.map((w) => new Set(w.holders));
  for (const [d, t] of pokes) {
    while (hi < sorted.length && sorted[hi]!.sentAt <= t) hi += 1;
    let held = false;
    for (let i = hi - 1; i >= 0 && !held && sorted[i]!.sentAt >= t - STRAY_WINDOW_MS - longestPush; i -= 1) {
      held = sorted[i]!.answeredAt >= t - STRAY_WINDOW_MS && holderSets[i]!.has(d);
    }
    if (!held) { if (t < firstWrite) strayEarly += 1; else stray += 1; }
  }
  const byKind: Record<string, number> = {};
  for (const w of writes) byKind[w.kind] = (byKind[w.kind] ?? 0) + 1;
  // Writes not applied, by kind and what the push answered (a case rule's refusal, a busy server…).
  const notApplied: Record<string, number> = {};
  for (const w of writes) if (!w.ok) notApplied[`${w.kind}: ${w.outcome ?? 'unknown'}`] = (notApplied[`${w.kind}: ${w.outcome ?? 'unknown'}`] ?? 0) + 1;
  return {
    writes: writes.length, writesApplied: applied.length, writesByKind: byKind, writesNotApplied: notApplied,
    allHoldersReachedMs: percentiles(all), perDesktopMs: percentiles(per), allHoldersAfterAnswerMs: percentiles(afterAnswer),
    pushMs: percentiles(writes.map((w) => w.answeredAt - w.sentAt)),
    holdersPerWrite: percentiles(applied.map((w) => w.holders?.length ?? 0)),
    deliveries, missedDeliveries: missed, unexpectedDeliveries: unexpected,
    pokes: pokes.length, strayPokes: stray, strayPokesBeforeFirstWrite: strayEarly,
  };
}
