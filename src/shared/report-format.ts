// How a report figure reads, the same on the screen, in the PDF, the CSV and the mail: counts
// and decimals with the language's separators (id: 1.234,5), percents with one decimal,
// seconds as m:ss, rupiah without decimals, "—" for no figure. XLSX keeps numbers as numbers.
import { type ColumnKind, type ReportColumn } from './reports.js';

const cache = new Map<string, Intl.NumberFormat>();
function nf(language: 'id' | 'en', key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const k = `${language}:${key}`;
  let f = cache.get(k);
  if (!f) cache.set(k, (f = new Intl.NumberFormat(language === 'id' ? 'id-ID' : 'en-GB', options)));
  return f;
}

export const NO_FIGURE = '—';

export function formatSeconds(total: number): string {
  const s = Math.max(0, Math.round(total));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

export function formatFigure(kind: ColumnKind, value: number | string | null | undefined, language: 'id' | 'en'): string {
  if (value === null || value === undefined || value === '') return NO_FIGURE;
  if (typeof value === 'string') return value;
  switch (kind) {
    case 'count': return nf(language, 'int', { maximumFractionDigits: 0 }).format(value);
    case 'percent': return `${nf(language, 'pct', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value)} %`;
    case 'seconds': return formatSeconds(value);
    case 'idr': return nf(language, 'idr', { style: 'currency', currency: 'IDR', maximumFractionDigits: 0 }).format(value);
    case 'hours': return nf(language, 'dec1', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(value);
    case 'text': return String(value);
  }
}

/** Whether a figure meets its column's target (null: no target or no figure). */
export function meetsTarget(column: ReportColumn, value: number | null | undefined): boolean | null {
  if (!column.target || value === null || value === undefined) return null;
  return column.target.better === 'below' ? value <= column.target.value : value >= column.target.value;
}

/**
 * One formatter per language, made once: a new Intl.DateTimeFormat per call holds ICU memory
 * outside the JS heap until a collection the small heap rarely triggers — a million-row
 * drill-down XLSX grew to 4 GB of RSS that way.
 */
const TIME_FORMATS = {
  id: new Intl.DateTimeFormat('id-ID', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Asia/Jakarta' }),
  en: new Intl.DateTimeFormat('en-GB', { dateStyle: 'short', timeStyle: 'short', timeZone: 'Asia/Jakarta' }),
};

/** A timestamp as the company reads it (Asia/Jakarta), e.g. "04/12/2026 14.05" (id). */
export function formatReportTime(iso: string, language: 'id' | 'en'): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return TIME_FORMATS[language].format(d);
}
