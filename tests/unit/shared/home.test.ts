import { describe, expect, it } from 'vitest';
import { dueCallbacks, endOfLocalDay } from '../../../src/shared/home.js';

// Local times: the agent's "today" is the desktop's calendar day.
const at = (h: number, m = 0, dayOffset = 0) => new Date(2026, 11, 1 + dayOffset, h, m).toISOString();
const now = new Date(2026, 11, 1, 10, 0);

describe('dueCallbacks', () => {
  it('puts overdue call-backs first (oldest first), then the rest of today by time', () => {
    const rows = [
      { id: 'later-today', dueAt: at(16), status: 'open' as const },
      { id: 'yesterday', dueAt: at(15, 0, -1), status: 'open' as const },
      { id: 'soon', dueAt: at(10, 30), status: 'open' as const },
      { id: 'this-morning', dueAt: at(9), status: 'open' as const },
    ];
    const due = dueCallbacks(rows, now);
    expect(due.map((c) => c.id)).toEqual(['yesterday', 'this-morning', 'soon', 'later-today']);
    expect(due.map((c) => c.overdue)).toEqual([true, true, false, false]);
  });

  it('leaves out tomorrow, done and cancelled call-backs and unreadable times', () => {
    const rows = [
      { id: 'tomorrow', dueAt: at(8, 0, 1), status: 'open' as const },
      { id: 'done', dueAt: at(9), status: 'done' as const },
      { id: 'cancelled', dueAt: at(11), status: 'cancelled' as const },
      { id: 'garbage', dueAt: 'not a time', status: 'open' as const },
      { id: 'last-minute', dueAt: at(23, 59), status: 'open' as const },
    ];
    expect(dueCallbacks(rows, now).map((c) => c.id)).toEqual(['last-minute']);
  });

  it('counts a call-back due this very minute as not yet overdue', () => {
    expect(dueCallbacks([{ dueAt: now.toISOString(), status: 'open' as const }], now)[0]?.overdue).toBe(false);
  });
});

describe('endOfLocalDay', () => {
  it('is the last millisecond of the local calendar day', () => {
    const end = endOfLocalDay(now);
    expect([end.getDate(), end.getHours(), end.getMinutes(), end.getMilliseconds()]).toEqual([1, 23, 59, 999]);
  });
});
