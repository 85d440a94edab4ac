import { describe, expect, it } from 'vitest';
import { isCaseOverdue, isReceivableOverdue } from '../../../src/renderer/features/customer/overdue.js';

const now = new Date('2025-11-25T08:00:00Z');

describe('isCaseOverdue', () => {
  it('flags open work past its SLA', () => {
    expect(isCaseOverdue({ status: 'open', slaDueAt: '2025-11-25T07:59:00Z' }, now)).toBe(true);
    expect(isCaseOverdue({ status: 'in_progress', slaDueAt: '2025-11-20T00:00:00Z' }, now)).toBe(true);
  });

  it('does not flag work still in time or already done', () => {
    expect(isCaseOverdue({ status: 'open', slaDueAt: '2025-11-25T09:00:00Z' }, now)).toBe(false);
    expect(isCaseOverdue({ status: 'resolved', slaDueAt: '2025-11-20T00:00:00Z' }, now)).toBe(false);
    expect(isCaseOverdue({ status: 'closed', slaDueAt: '2025-11-20T00:00:00Z' }, now)).toBe(false);
  });
});

describe('isReceivableOverdue', () => {
  const base = { amountIdr: 100_000, paidIdr: 0 };
  it('trusts the overdue status and also catches unpaid invoices past due', () => {
    expect(isReceivableOverdue({ ...base, status: 'overdue', dueDate: '2026-01-01' }, now)).toBe(true);
    expect(isReceivableOverdue({ ...base, status: 'open', dueDate: '2025-11-01' }, now)).toBe(true);
    expect(isReceivableOverdue({ ...base, paidIdr: 50_000, status: 'partly_paid', dueDate: '2025-11-01' }, now)).toBe(true);
  });

  it('does not flag paid invoices or those not yet due', () => {
    expect(isReceivableOverdue({ ...base, paidIdr: 100_000, status: 'paid', dueDate: '2025-01-01' }, now)).toBe(false);
    expect(isReceivableOverdue({ ...base, status: 'open', dueDate: '2025-12-31' }, now)).toBe(false);
  });
});
