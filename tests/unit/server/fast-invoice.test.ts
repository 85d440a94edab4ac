// The invoices feed's hot-path check (server/integrations/fast-invoice.ts) against the
// schema it stands in for: whatever it accepts, zod accepts with the same data; whatever it
// leaves to zod is either refused by zod or an edge it chose not to judge. Mutations of a
// good record cover every field: missing, wrong type, empty, too long, unicode, negative,
// fractional, unsafe integers, extra keys, both payments and paidIdr, dates in the wrong order.
import { describe, expect, it } from 'vitest';
import { fastInvoice } from '../../../src/server/integrations/fast-invoice.js';
import { InvoiceRecord } from '../../../src/shared/integrations.js';

const GOOD = {
  invoiceNo: 'INV-2026-10-0001', customerExternalId: 'BILL-0001', amountIdr: 1_000_000, issuedAt: '2026-10-01', dueDate: '2026-10-15',
  payments: [{ ref: 'PAY-1', amountIdr: 250_000, paidAt: '2026-10-20' }],
};
const BAD_VALUES: unknown[] = [
  undefined, null, '', ' ', 'x'.repeat(33), 'x'.repeat(65), 'é'.repeat(10), '<script>alert(1)</script>', 0, -1, 1.5, 2 ** 53, Number.MAX_SAFE_INTEGER,
  '1000', true, [], {}, '2026-13-01', '2026-1-01', '2026-10-01T00:00:00Z', ' 2026-10-01', '２０２６-10-01', [{ ref: 'P', amountIdr: 0, paidAt: '2026-10-01' }],
  [{ ref: 'P', amountIdr: 1, paidAt: '2026-10-01', extra: 1 }], [{ ref: '', amountIdr: 1, paidAt: '2026-10-01' }], Array.from({ length: 201 }, (_, i) => ({ ref: `P${i}`, amountIdr: 1, paidAt: '2026-10-01' })),
];

function variants(): unknown[] {
  const out: unknown[] = [GOOD, { ...GOOD, payments: [] }, { ...GOOD, payments: undefined, paidIdr: 5 }, { ...GOOD, customerExternalId: undefined, customerNo: 'C00000001' },
    { ...GOOD, invoiceNo: '  INV-1  ' }, { ...GOOD, paidIdr: 1 }, { ...GOOD, dueDate: '2026-09-30' }, { ...GOOD, extra: 1 }, null, 'x', [GOOD], 42];
  for (const key of [...Object.keys(GOOD), 'customerNo', 'paidIdr']) {
    for (const v of BAD_VALUES) {
      const r: Record<string, unknown> = { ...GOOD, [key]: v };
      if (v === undefined) delete r[key];
      out.push(r);
    }
  }
  return out;
}

describe('fastInvoice', () => {
  it('accepts only what InvoiceRecord accepts, with the same data', () => {
    let fast = 0;
    for (const v of variants()) {
      const mine = fastInvoice(v);
      const zod = InvoiceRecord.safeParse(v);
      if (mine) {
        fast++;
        expect(zod.success, JSON.stringify(v)).toBe(true);
        expect(mine).toEqual(zod.data);
      }
    }
    expect(fast).toBeGreaterThan(10);
  });

  it('answers the good record on the fast path (trimmed id) and leaves bad ones to zod', () => {
    expect(fastInvoice({ ...GOOD, invoiceNo: ' INV-1 ' })?.invoiceNo).toBe('INV-1');
    expect(fastInvoice({ ...GOOD, amountIdr: '1000' })).toBeNull();
    expect(fastInvoice({ ...GOOD, paidIdr: 1 })).toBeNull();
    expect(fastInvoice({ ...GOOD, dueDate: '2026-09-01' })).toBeNull();
  });
});
