// The browser's filters as the form holds them (text from inputs) and as the API takes them.
// Dates are whole local days: "to" includes its day (the query's bound is the next midnight).
import { type LeadInteractionQuery } from '../../../shared/lead-interactions.js';

export interface FilterForm {
  from: string; to: string; agentId: string; teamId: string; queue: string; customer: string; tier: string;
  disposition: string; minMinutes: string; maxMinutes: string; direction: string; channel: string;
  /** '' | with | without | recovered */
  recording: string;
  /** '' | evaluated | notEvaluated */
  evaluation: string;
  sort: 'date' | 'duration';
  order: 'asc' | 'desc';
}

export const EMPTY_FORM: FilterForm = {
  from: '', to: '', agentId: '', teamId: '', queue: '', customer: '', tier: '', disposition: '', minMinutes: '', maxMinutes: '',
  direction: '', channel: '', recording: '', evaluation: '', sort: 'date', order: 'desc',
};

const localMidnight = (day: string, plusDays = 0): string => {
  const d = new Date(`${day}T00:00:00`);
  d.setDate(d.getDate() + plusDays);
  return d.toISOString();
};
const minutes = (text: string): number | undefined => {
  const n = Number(text.replace(',', '.'));
  return text.trim() === '' || !Number.isFinite(n) || n < 0 ? undefined : Math.round(n * 60);
};
const text = (s: string): string | undefined => (s.trim() ? s.trim() : undefined);

export type BrowserQuery = Omit<LeadInteractionQuery, 'cursor' | 'limit'>;

export function queryOf(f: FilterForm): BrowserQuery {
  const q: BrowserQuery = { sort: f.sort, order: f.order };
  if (/^\d{4}-\d\d-\d\d$/.test(f.from)) q.from = localMidnight(f.from);
  if (/^\d{4}-\d\d-\d\d$/.test(f.to)) q.to = localMidnight(f.to, 1);
  const put = <K extends keyof BrowserQuery>(key: K, value: BrowserQuery[K] | undefined) => { if (value !== undefined) q[key] = value; };
  put('agentId', text(f.agentId));
  put('teamId', text(f.teamId));
  put('queue', text(f.queue));
  put('customer', text(f.customer));
  put('tier', text(f.tier) as BrowserQuery['tier']);
  put('disposition', text(f.disposition));
  put('minDurationSec', minutes(f.minMinutes));
  put('maxDurationSec', minutes(f.maxMinutes));
  put('direction', text(f.direction) as BrowserQuery['direction']);
  put('channel', text(f.channel) as BrowserQuery['channel']);
  if (f.recording === 'with') q.recorded = true;
  if (f.recording === 'without') q.recorded = false;
  if (f.recording === 'recovered') q.recovered = true;
  if (f.evaluation) q.hasEvaluation = f.evaluation === 'evaluated';
  return q;
}

export function isFiltered(f: FilterForm): boolean {
  return (Object.keys(EMPTY_FORM) as (keyof FilterForm)[]).some((k) => k !== 'sort' && k !== 'order' && f[k] !== EMPTY_FORM[k]);
}
