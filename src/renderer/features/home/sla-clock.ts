// The SLA clock of a case as an agent reads it: how long is left, or by how much it is late,
// in the two largest units ("1 d 4 h left", "Overdue by 35 min"). Pure, unit-tested.

export interface SlaClock {
  overdue: boolean;
  /** Whole minutes left (overdue: minutes late), never negative. */
  minutes: number;
}

/** null when the deadline is not a readable time. */
export function slaClock(dueAt: string, now: number): SlaClock | null {
  const due = Date.parse(dueAt);
  if (Number.isNaN(due)) return null;
  const diff = due - now;
  // Late from the first second past the deadline; "0 min left" only while still on time.
  return diff < 0
    ? { overdue: true, minutes: Math.max(1, Math.floor(-diff / 60_000)) }
    : { overdue: false, minutes: Math.floor(diff / 60_000) };
}

/** Under this many minutes left the clock turns orange: "act now". */
export const SLA_WARNING_MINUTES = 60;

export function slaTone(clock: SlaClock | null): 'red' | 'orange' | 'blue' | 'gray' {
  if (!clock) return 'gray';
  if (clock.overdue) return 'red';
  return clock.minutes < SLA_WARNING_MINUTES ? 'orange' : 'blue';
}

type Translate = (key: string, options?: Record<string, unknown>) => string;

function duration(minutes: number, t: Translate): string {
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const mins = minutes % 60;
  if (days > 0) return [t('sla.days', { count: days }), hours > 0 ? t('sla.hours', { count: hours }) : null].filter(Boolean).join(' ');
  if (hours > 0) return [t('sla.hours', { count: hours }), mins > 0 ? t('sla.minutes', { count: mins }) : null].filter(Boolean).join(' ');
  return t('sla.minutes', { count: mins });
}

export function formatSlaClock(clock: SlaClock | null, t: Translate): string {
  if (!clock) return t('sla.unknown');
  return clock.overdue ? t('sla.overdueBy', { time: duration(clock.minutes, t) }) : t('sla.left', { time: duration(clock.minutes, t) });
}
