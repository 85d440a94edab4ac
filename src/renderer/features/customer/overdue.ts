// When open work counts as late. Kept apart from the tables so the rule is testable.
import { type Case, type Receivable } from '../../../shared/domain.js';

/** A case breaches its SLA when it is still being worked past its due time. */
export function isCaseOverdue(item: Pick<Case, 'status' | 'slaDueAt'>, now: Date): boolean {
  if (item.status === 'resolved' || item.status === 'closed') return false;
  const due = new Date(item.slaDueAt).getTime();
  return !Number.isNaN(due) && due < now.getTime();
}

/** YYYY-MM-DD of `now` in local time (due dates are calendar dates). */
function localDate(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Overdue when the server says so, or when money is still owed after the due date. */
export function isReceivableOverdue(item: Pick<Receivable, 'status' | 'dueDate' | 'amountIdr' | 'paidIdr'>, now: Date): boolean {
  if (item.status === 'overdue') return true;
  if (item.status === 'paid' || item.paidIdr >= item.amountIdr) return false;
  return item.dueDate < localDate(now);
}

/** The SLA clock of a case: minutes to its due time (negative: past it), null when done. */
export function caseClockMinutes(item: Pick<Case, 'status' | 'slaDueAt'>, now: Date): number | null {
  if (item.status === 'resolved' || item.status === 'closed') return null;
  const due = new Date(item.slaDueAt).getTime();
  return Number.isNaN(due) ? null : Math.floor((due - now.getTime()) / 60_000);
}
