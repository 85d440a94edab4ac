// The agent's home: which call-backs are due today and in what order. Pure, so core (which
// answers home.overview) and the unit tests share one rule.

/** The end of the calendar day of `now` in the desktop's time zone (the agent's "today"). */
export function endOfLocalDay(now: Date): Date {
  const end = new Date(now);
  end.setHours(23, 59, 59, 999);
  return end;
}

export interface DueCandidate {
  dueAt: string;
  status: 'open' | 'done' | 'cancelled';
}

/**
 * The open call-backs due by the end of today, overdue ones (due before `now`, also from
 * earlier days) first, each group by due time, earliest first; every one marked overdue or
 * not. Done and cancelled ones, later days and unreadable times are left out.
 */
export function dueCallbacks<T extends DueCandidate>(rows: readonly T[], now: Date): Array<T & { overdue: boolean }> {
  const nowMs = now.getTime();
  const endMs = endOfLocalDay(now).getTime();
  return rows
    .map((row) => ({ row, at: Date.parse(row.dueAt) }))
    .filter(({ row, at }) => row.status === 'open' && !Number.isNaN(at) && at <= endMs)
    .map(({ row, at }) => ({ ...row, overdue: at < nowMs, at }))
    .sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.at - b.at)
    .map(({ at: _at, ...rest }) => rest as T & { overdue: boolean });
}
