// Which case categories a user's queues bring into the working set, from the queues table
// (src/server/sync/queue-policy.ts): the seeded queues, a queue an admin added, a disabled one.
import { describe, expect, it } from 'vitest';
import { categoriesFrom } from '../../../src/server/sync/queue-policy.js';

const table = [
  { code: 'billing', case_categories: ['billing'], active: true },
  { code: 'network', case_categories: ['technical'], active: true },
  { code: 'vip', case_categories: ['complaint'], active: true },
  { code: 'general', case_categories: ['request'], active: true },
  { code: 'retention', case_categories: ['complaint', 'billing'], active: true },
  { code: 'old_desk', case_categories: ['request'], active: false },
];

describe('categoriesFrom', () => {
  it('maps each queue to the categories its row names', () => {
    expect(categoriesFrom(table, ['billing'])).toEqual(['billing']);
    expect(categoriesFrom(table, ['network'])).toEqual(['technical']);
    expect(categoriesFrom(table, ['retention'])).toEqual(['billing', 'complaint']);
  });

  it('unions and de-duplicates, sorted', () => {
    expect(categoriesFrom(table, ['network', 'billing', 'billing', 'retention'])).toEqual(['billing', 'complaint', 'technical']);
  });

  it('a disabled queue, an unknown name or no queue bring nothing', () => {
    expect(categoriesFrom(table, ['old_desk'])).toEqual([]);
    expect(categoriesFrom(table, ['nope', 'BILLING'])).toEqual([]);
    expect(categoriesFrom(table, [])).toEqual([]);
  });
});
