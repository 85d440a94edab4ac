import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type CacheStore } from '../../../src/main/core/cache/cache-store.js';
import { openCacheStore } from '../../../src/main/core/cache-tables.js';
import { toE164 } from '../../../src/shared/phone.js';
import { batch, complaintCase, customer, interaction } from './fixtures.js';
import { desktopKeyFor } from '../../support/desktop-key.js';

let dir: string;
let store: CacheStore;
const budi = customer({
  fullName: 'Budi Santoso', customerNo: 'C00000001', tier: 'platinum',
  phones: [{ e164: '+6281234567890', type: 'mobile' }, { e164: '+62215550123', type: 'home' }],
  emails: ['budi.santoso@example.co.id'],
});
const siti = customer({
  fullName: 'Siti Nurhaliza Ŝaputri', customerNo: 'C00000002',
  phones: [{ e164: '+6281298765432', type: 'mobile' }], emails: ['siti@contoh.id'],
});
const dewi = customer({ fullName: 'Dewi Lestari', customerNo: 'C00000003', emails: ['dewi@contoh.id'] });

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sapa-cache-'));
  store = openCacheStore(dir, desktopKeyFor(dir));
  store.apply.applyPull(batch({ customers: [budi, siti, dewi] }), '2026-01-01T00:00:00.000Z');
});
afterEach(async () => {
  store.close();
  await rm(dir, { recursive: true, force: true });
});

const lookup = (typed: string) => {
  const e164 = toE164(typed);
  return e164 ? store.queries.lookupByE164(e164).map((c) => c.fullName) : [];
};

describe('phone lookup from the cache', () => {
  it.each(['0812 3456 7890', '+62 812-3456-7890', '6281234567890', '081234567890', '+6281234567890'])(
    'finds Budi by his mobile written as %s', (typed) => {
      expect(lookup(typed)).toEqual(['Budi Santoso']);
    });

  it('finds Budi by his landline written as (021) 5550123', () => {
    expect(lookup('(021) 5550123')).toEqual(['Budi Santoso']);
  });

  it('finds nobody for a number nobody has', () => {
    expect(lookup('0813 0000 0000')).toEqual([]);
  });

  it('follows phone changes and deletions (customer_phones kept in step)', () => {
    const moved = { ...budi, phones: [{ e164: '+6281111111111', type: 'mobile' as const }], version: budi.version + 1000 };
    store.apply.applyPull(batch({ customers: [moved] }), '2026-01-02T00:00:00.000Z');
    expect(lookup('0812 3456 7890')).toEqual([]);
    expect(lookup('0811 1111 1111')).toEqual(['Budi Santoso']);
    store.apply.applyPull(batch({}, { tombstones: [{ table: 'customers', id: budi.id, version: moved.version + 1 }] }), 'x');
    expect(lookup('0811 1111 1111')).toEqual([]);
    expect(store.queries.search('budi', 10)).toEqual([]);
  });

  it('ignores an older version arriving after a newer one', () => {
    const renamed = { ...siti, fullName: 'Siti Baru', version: siti.version + 500 };
    store.apply.applyPull(batch({ customers: [renamed] }), 'x');
    store.apply.applyPull(batch({ customers: [siti] }), 'x');
    expect(store.queries.search('siti', 10).map((c) => c.fullName)).toEqual(['Siti Baru']);
  });
});

describe('search as you type', () => {
  const names = (q: string) => store.queries.search(q, 20).map((c) => c.fullName);

  it('matches a name prefix of any word, case-insensitively', () => {
    expect(names('bu')).toEqual(['Budi Santoso']);
    expect(names('sant')).toEqual(['Budi Santoso']);
    expect(names('BUDI SAN')).toEqual(['Budi Santoso']);
    expect(names('lestari')).toEqual(['Dewi Lestari']);
  });

  it('is unicode-safe: diacritics fold both ways', () => {
    expect(names('saputri')).toEqual(['Siti Nurhaliza Ŝaputri']);
    expect(names('ŝap')).toEqual(['Siti Nurhaliza Ŝaputri']);
  });

  it('matches phone prefixes in any form', () => {
    expect(names('0812 3456')).toEqual(['Budi Santoso']);
    expect(names('+62 8129')).toEqual(['Siti Nurhaliza Ŝaputri']);
    expect(names('6281')).toEqual(expect.arrayContaining(['Budi Santoso', 'Siti Nurhaliza Ŝaputri']));
    expect(names('021 555')).toEqual(['Budi Santoso']);
  });

  it('matches customer number and e-mail', () => {
    expect(names('C00000003')).toEqual(['Dewi Lestari']);
    expect(names('c00000002')).toEqual(['Siti Nurhaliza Ŝaputri']);
    expect(names('budi.santoso@exa')).toEqual(['Budi Santoso']);
    expect(names('dewi@contoh')).toEqual(['Dewi Lestari']);
  });

  it.each(['"', '*', '-', '(', 'budi"', 'bu*', '-budi', '(budi', 'NEAR(', 'a AND OR NOT', "'; DROP TABLE x;--", ')('])(
    'never throws on FTS syntax characters: %s', (q) => {
      expect(() => store.queries.search(q, 20)).not.toThrow();
    });

  it('still finds the name when the query carries FTS syntax', () => {
    expect(names('"budi"')).toEqual(['Budi Santoso']);
    expect(names('(budi*')).toEqual(['Budi Santoso']);
  });

  it('answers nothing for blank input and respects the limit', () => {
    expect(names('   ')).toEqual([]);
    expect(store.queries.search('c0000', 2)).toHaveLength(2);
  });
});

describe('360 view and history', () => {
  const now = new Date('2026-06-01T00:00:00.000Z');
  const day = (n: number) => new Date(now.getTime() - n * 86_400_000).toISOString();

  beforeEach(() => {
    const interactions = Array.from({ length: 120 }, (_, i) =>
      interaction(budi.id, day(i), { channel: i % 3 === 0 ? 'email' : 'call_in' }));
    store.apply.applyPull(batch({
      interactions,
      cases: [complaintCase(budi.id, day(10)), complaintCase(budi.id, day(100)),
        complaintCase(budi.id, day(5), { category: 'billing' })],
    }), 'x');
  });

  it('shows profile, the 50 newest interactions newest first, the total and recent complaints', () => {
    const view = store.queries.get360(budi.id, now);
    expect(view?.customer.fullName).toBe('Budi Santoso');
    expect(view?.customer.tier).toBe('platinum');
    expect(view?.customer.phones).toEqual(budi.phones);
    expect(view?.interactionsTotal).toBe(120);
    expect(view?.recentInteractions).toHaveLength(50);
    expect(view?.recentInteractions[0]?.startedAt).toBe(day(0));
    const times = view?.recentInteractions.map((i) => i.startedAt) ?? [];
    expect(times).toEqual([...times].sort().reverse());
    expect(view?.complaintsLast90Days).toBe(1);
    expect(view?.cases).toHaveLength(3);
  });

  it('answers null for a customer not in the cache', () => {
    expect(store.queries.get360('00000000-0000-4000-8000-000000000000', now)).toBeNull();
  });

  it('pages the history newest first without gaps or repeats', () => {
    const seen: string[] = [];
    let before;
    for (let page = 0; page < 10; page++) {
      const result = store.queries.history({ customerId: budi.id, before, limit: 50 });
      seen.push(...result.items.map((i) => i.startedAt));
      if (!result.nextCursor) break;
      before = result.nextCursor;
    }
    expect(seen).toHaveLength(120);
    expect(new Set(seen).size).toBe(120);
    expect(seen).toEqual([...seen].sort().reverse());
  });

  it('filters the history by channel', () => {
    const page = store.queries.history({ customerId: budi.id, channels: ['email'], limit: 500 });
    expect(page.items).toHaveLength(40);
    expect(page.items.every((i) => i.channel === 'email')).toBe(true);
    expect(page.nextCursor).toBeNull();
  });
});
