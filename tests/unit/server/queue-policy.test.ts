// The queue → case-category policy behind the working set's queue rule.
import { describe, expect, it } from 'vitest';
import { QUEUES, categoriesForQueues } from '../../../src/server/sync/queue-policy.js';

describe('categoriesForQueues', () => {
  it('maps each queue to its categories', () => {
    expect(categoriesForQueues(['billing'])).toEqual(['billing']);
    expect(categoriesForQueues(['network'])).toEqual(['technical']);
    expect(categoriesForQueues(['vip'])).toEqual(['complaint']);
    expect(categoriesForQueues(['general'])).toEqual(['request']);
  });

  it('unions several queues without duplicates, sorted', () => {
    expect(categoriesForQueues(['network', 'billing', 'billing'])).toEqual(['billing', 'technical']);
  });

  it('gives nothing for no queues or unknown ones', () => {
    expect(categoriesForQueues([])).toEqual([]);
    expect(categoriesForQueues(['nope', 'BILLING'])).toEqual([]);
  });

  it('covers every queue an admin can assign', () => {
    for (const q of QUEUES) expect(categoriesForQueues([q]).length).toBeGreaterThan(0);
  });
});
