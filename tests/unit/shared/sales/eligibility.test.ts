// Which offers a customer is eligible for (src/shared/sales/portfolio.ts): tier, segment, what
// they already hold (requires / excludes / never the same again), active, and who may sell it.
import { describe, expect, it } from 'vitest';
import { type ProductInput, eligibleOffers, ineligibility } from '../../../../src/shared/sales/portfolio.js';

const product = (over: Partial<ProductInput>): ProductInput => ({
  code: 'FIBER50', nameId: 'Fiber 50 Mbps', nameEn: 'Fiber 50 Mbps', category: 'internet', priceIdr: 350_000, active: true,
  csSellable: true, eligibleTiers: [], eligibleSegments: [], requiresCodes: [], excludesCodes: [], ...over,
});
const gold = { tier: 'gold' as const, segment: 'Residential' };
const none = new Set<string>();

describe('ineligibility', () => {
  it('offers an active, unrestricted product to anyone', () => {
    expect(ineligibility(product({}), gold, none, 'agent')).toBeNull();
  });
  it('refuses an inactive product and one the customer holds', () => {
    expect(ineligibility(product({ active: false }), gold, none, 'agent')).toBe('inactive');
    expect(ineligibility(product({}), gold, new Set(['FIBER50']), 'agent')).toBe('held');
  });
  it('checks the tier list and the segment ignoring case', () => {
    expect(ineligibility(product({ eligibleTiers: ['platinum'] }), gold, none, 'agent')).toBe('tier');
    expect(ineligibility(product({ eligibleTiers: ['gold', 'platinum'] }), gold, none, 'agent')).toBeNull();
    expect(ineligibility(product({ eligibleSegments: ['residential'] }), gold, none, 'agent')).toBeNull();
    expect(ineligibility(product({ eligibleSegments: ['Business'] }), gold, none, 'agent')).toBe('segment');
    expect(ineligibility(product({ eligibleSegments: ['Business'] }), { tier: 'gold', segment: null }, none, 'agent')).toBe('segment');
  });
  it('needs one of the required holdings and none of the excluded ones', () => {
    const addOn = product({ code: 'STB', requiresCodes: ['FIBER50', 'FIBER100'], excludesCodes: ['STB_OLD'] });
    expect(ineligibility(addOn, gold, none, 'agent')).toBe('requires');
    expect(ineligibility(addOn, gold, new Set(['FIBER100']), 'agent')).toBeNull();
    expect(ineligibility(addOn, gold, new Set(['FIBER100', 'STB_OLD']), 'agent')).toBe('excludes');
  });
  it('lets customer service sell only what is marked for it; sales staff sell any active product', () => {
    const salesOnly = product({ csSellable: false });
    expect(ineligibility(salesOnly, gold, none, 'agent')).toBe('not_cs_sellable');
    expect(ineligibility(salesOnly, gold, none, 'lead')).toBe('not_cs_sellable');
    expect(ineligibility(salesOnly, gold, none, 'sales_rep')).toBeNull();
    expect(ineligibility(salesOnly, gold, none, 'sales_manager')).toBeNull();
  });
});

describe('eligibleOffers', () => {
  it('keeps the eligible products in catalogue order', () => {
    const list = [product({ code: 'A1' }), product({ code: 'B1', eligibleTiers: ['silver'] }), product({ code: 'C1' })];
    expect(eligibleOffers(list, gold, new Set(['C1']), 'agent').map((p) => p.code)).toEqual(['A1']);
  });
});
