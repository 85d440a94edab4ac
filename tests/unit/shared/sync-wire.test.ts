// Wire 2 (column arrays, src/shared/sync-wire.ts): round trip, pass-through of rows from an
// older server, and malformed column answers refused by the answer's schema.
import { describe, expect, it } from 'vitest';
import { PullResponse } from '../../../src/shared/sync.js';
import { PullAnswer, decodeColumns, encodeColumns } from '../../../src/shared/sync-wire.js';

const customerId = '0190a5b0-0000-7000-8000-000000000001';
const answer: PullResponse = PullResponse.parse({
  nextCursor: 12, more: true, headVersion: 40, remainingEstimate: 28, scope: 'working',
  changes: {
    users: [{ id: '0190a5b0-0000-7000-8000-0000000000aa', username: 'agent1', displayName: 'Agen <script>1</script>', role: 'agent', version: 1, branch: null, queues: [] }],
    customers: [], interactions: [], cases: [], orders: [], receivables: [], contracts: [],
    notes: [
      { id: '0190a5b0-0000-7000-8000-000000000101', customerId, interactionId: null, body: 'Catatan 🙂 ünïcødé', authorId: null, authorName: 'Agen "Satu"', createdAt: '2026-12-01T08:00:00.000Z', version: 5 },
      { id: '0190a5b0-0000-7000-8000-000000000102', customerId, interactionId: null, body: 'x', authorId: null, authorName: null, createdAt: '2026-12-01T09:00:00.000Z', version: 6 },
    ],
    callbacks: [], reply_paragraphs: [],
  },
  tombstones: [{ table: 'notes', id: '0190a5b0-0000-7000-8000-000000000103', version: 12 }],
});

describe('column wire format', () => {
  it('round-trips through JSON to the same answer, with each field name sent once', () => {
    const wire = JSON.parse(JSON.stringify(encodeColumns(answer))) as ReturnType<typeof encodeColumns>;
    expect(wire.format).toBe('columns');
    expect(Object.keys(wire.columns).sort()).toEqual(['notes', 'users']);
    expect(wire.columns.notes!.names).toContain('body');
    expect(wire.columns.notes!.values[wire.columns.notes!.names.indexOf('body')]).toEqual(['Catatan 🙂 ünïcødé', 'x']);
    expect(PullAnswer.parse(wire)).toEqual(answer);
  });

  it('passes a rows answer (an older server) through unchanged', () => {
    const rows = JSON.parse(JSON.stringify(answer)) as unknown;
    expect(decodeColumns(rows)).toBe(rows);
    expect(PullAnswer.parse(rows)).toEqual(answer);
  });

  it('an empty batch has no blocks and decodes to empty tables', () => {
    const empty = { ...answer, changes: { ...answer.changes, users: [], notes: [] }, tombstones: [] };
    const wire = encodeColumns(empty);
    expect(wire.columns).toEqual({});
    expect(PullAnswer.parse(JSON.parse(JSON.stringify(wire)))).toEqual(empty);
  });

  const good = () => JSON.parse(JSON.stringify(encodeColumns(answer))) as { columns: Record<string, { names: unknown[]; values: unknown[][] }> };
  it.each([
    ['a column shorter than the others', (w: ReturnType<typeof good>) => { w.columns.notes!.values[0]!.pop(); }],
    ['a name without a column', (w: ReturnType<typeof good>) => { w.columns.notes!.names.push('extra'); }],
    ['a repeated name', (w: ReturnType<typeof good>) => { w.columns.notes!.names[1] = w.columns.notes!.names[0]; }],
    ['an unknown table', (w: ReturnType<typeof good>) => { w.columns.secrets = w.columns.notes!; }],
    ['a __proto__ field', (w: ReturnType<typeof good>) => { w.columns.notes!.names[0] = '__proto__'; }],
    ['columns not an object', (w: ReturnType<typeof good>) => { (w as { columns: unknown }).columns = [1, 2]; }],
    ['a value of the wrong type', (w: ReturnType<typeof good>) => { w.columns.notes!.values[w.columns.notes!.names.indexOf('version')]![0] = 'five'; }],
    ['a script where a uuid goes', (w: ReturnType<typeof good>) => { w.columns.notes!.values[w.columns.notes!.names.indexOf('id')]![0] = '<script>'; }],
  ])('refuses %s', (_what, spoil) => {
    const wire = good();
    spoil(wire);
    expect(PullAnswer.safeParse(wire).success).toBe(false);
  });
});
