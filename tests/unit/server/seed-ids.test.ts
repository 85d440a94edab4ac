// Seeded ids are UUIDv7-shaped and count up in the order the seed writes them, as ids
// that Sapa generates do; the data itself stays deterministic.
import { Faker, base, en, id_ID } from '@faker-js/faker';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { generateBatch } from '../../../src/server/seed/generate.js';

const NOW = new Date('2026-11-01T00:00:00Z');

function batch(seed: number, first: number) {
  return generateBatch(new Faker({ locale: [id_ID, en, base], seed }), first, 50, NOW, 10);
}

function idsInWriteOrder(b: ReturnType<typeof batch>): string[] {
  return [...b.customers.map((c) => c.id), ...[...b.interactions, ...b.cases, ...b.orders, ...b.receivables, ...b.contracts]
    .map((r) => r.id as string)];
}

describe('seeded ids', () => {
  it('are valid version-7 UUIDs, unique, and rise with the customer number', () => {
    const b = batch(42, 1);
    const ids = idsInWriteOrder(b);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) {
      expect(z.uuid().safeParse(id).success).toBe(true);
      expect(id[14]).toBe('7');
    }
    const customerIds = b.customers.map((c) => c.id);
    expect([...customerIds].sort()).toEqual(customerIds);
    // A customer's own records sort after it and before the next customer.
    for (const i of b.interactions) {
      const owner = customerIds.indexOf(i.customer_id as string);
      expect((i.id as string) > customerIds[owner]!).toBe(true);
      if (owner + 1 < customerIds.length) expect((i.id as string) < customerIds[owner + 1]!).toBe(true);
    }
    // The next batch continues above this one.
    expect(batch(42, 51).customers[0]!.id > customerIds.at(-1)!).toBe(true);
  });

  it('are deterministic for a seed and differ between seeds', () => {
    expect(idsInWriteOrder(batch(7, 1))).toEqual(idsInWriteOrder(batch(7, 1)));
    expect(batch(7, 1).customers[0]!.id).not.toBe(batch(8, 1).customers[0]!.id);
  });
});
