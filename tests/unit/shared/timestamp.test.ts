// The boundary timestamp: every value it accepts is read by JS Date and would be read by
// PostgreSQL as the same moment; the values that blocked the outbox are refused.
import { describe, expect, it } from 'vitest';
import { Timestamp } from '../../../src/shared/domain.js';
import { CallbackCreateArgs } from '../../../src/shared/mutations.js';

const ok = (v: string) => Timestamp.safeParse(v).success;

describe('Timestamp', () => {
  it.each([
    '2026-11-25T08:00:00.000Z', // what toISOString writes
    '2026-11-25T08:00:00Z',
    '2026-11-25T15:00:00+07:00',
    '2026-11-25T08:00:00.123456-03:30',
    '2024-02-29T23:59:59.999Z', // leap day
    '1900-01-01T00:00:00Z',
    '9999-12-31T23:59:59Z',
  ])('accepts %s', (v) => {
    expect(ok(v)).toBe(true);
    expect(Number.isNaN(Date.parse(v))).toBe(false);
  });

  it.each([
    ['2026-13-45T10:00:00Z', 'month 13'],
    ['2026-02-30T10:00:00Z', 'day 30'], // Date would read it as 2 March
    ['2025-02-29T10:00:00Z', 'day 29'],
    ['2026-04-31T10:00:00Z', 'day 31'],
    ['2026-01-01T24:00:00Z', 'time 24'],
    ['2026-01-01T10:60:00Z', 'time 10:60'],
    ['2026-01-01T10:00:60Z', 'time 10:00:60'],
    ['2026-01-01T10:00:00+15:00', 'offset'],
    ['0000-01-01T00:00:00Z', 'year 0'],
    ['1899-12-31T23:59:59Z', 'year 1899'],
    ['+275760-09-13T00:00:00.000Z', 'ISO 8601'],
    ['2026-01-01T10:00:00', 'ISO 8601'], // no offset: whose 10 o'clock?
    ['2026-01-01', 'ISO 8601'],
    ['2026-01-01 10:00:00Z', 'ISO 8601'],
    ['besok pagi jam 10', 'ISO 8601'],
    ['2026-01-01T10:00:00.1234567Z', 'ISO 8601'],
  ])('refuses %s with a reason', (v, reason) => {
    const result = Timestamp.safeParse(v);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toContain(reason);
  });

  it('is what a mutation checks: a call-back due at a day that does not exist is refused', () => {
    const args = {
      id: '0190a000-0000-7000-8000-000000000001', customerId: '00000000-0000-4000-8000-000000000001',
      dueAt: '2026-13-45T10:00:00Z', createdAt: '2026-11-25T08:00:00.000Z',
    };
    expect(CallbackCreateArgs.safeParse(args).success).toBe(false);
    expect(CallbackCreateArgs.safeParse({ ...args, dueAt: '2026-12-15T10:00:00+07:00' }).success).toBe(true);
  });
});
