// Runs a report of the registry for a period: the rollups caught up first (so a figure
// includes the last minute's calls), then the sections for the period and the comparison
// period (the previous one, or the same one last year).
import { parsePeriodKey, previousPeriod, samePeriodLastYear, type Period } from '../../shared/report-periods.js';
import { type ReportLanguage } from '../../shared/report-text.js';
import { type ComparePeriod, type ReportKey, type ReportResult } from '../../shared/reports.js';
import { type Db } from '../db/db.js';
import { REPORTS } from './registry.js';

export function comparisonOf(period: Period, compare: ComparePeriod): Period | null {
  if (compare === 'previous') return previousPeriod(period);
  if (compare === 'lastYear') return samePeriodLastYear(period);
  return null;
}

export async function runReport(
  db: Db, report: ReportKey, q: { period: string | Period; compare: ComparePeriod; language: ReportLanguage }, now: Date,
): Promise<ReportResult> {
  const def = REPORTS[report];
  await def.catchUp(db, now);
  const period = typeof q.period === 'string' ? parsePeriodKey(q.period) : q.period;
  const compare = comparisonOf(period, q.compare);
  const sections = await def.sections(db, { period, compare, language: q.language, now });
  return { report, period, compare, generatedAt: now.toISOString(), sections };
}
