// The pull's rows are checked in slices (decision 0041): the same rows as a check of the
// whole answer, and one bad row still refuses the whole batch, with its table named.
import { describe, expect, it } from 'vitest';
import { checkPullInSlices } from '../../../src/main/core/sync/check-pull.js';
import { PullResponse } from '../../../src/shared/sync.js';
import { PullEnvelope, encodeColumns } from '../../../src/shared/sync-wire.js';
import { batch, customer, interaction } from './fixtures.js';

const customers = Array.from({ length: 12 }, () => customer());
const answer = batch({ customers, interactions: customers.map((c) => interaction(c.id, '2026-01-02T00:00:00.000Z')) });
// As it comes off the wire: JSON, in columns.
const wire = () => JSON.parse(JSON.stringify(encodeColumns(answer))) as unknown;

describe('checkPullInSlices', () => {
  it('answers what a check of the whole answer answers, yielding between slices', async () => {
    let yields = 0;
    const checked = await checkPullInSlices(PullEnvelope.parse(wire()), async () => { yields += 1; }, 5);
    expect(checked).toEqual(PullResponse.parse(answer));
    // 12 customers in slices of 5: two yields; 12 interactions: two more.
    expect(yields).toBe(4);
  });

  it('refuses the batch for one bad row in a later slice, naming the table', async () => {
    const bad = wire() as { columns: { interactions: { names: string[]; values: unknown[][] } } };
    const block = bad.columns.interactions;
    block.values[block.names.indexOf('startedAt')]![11] = 'yesterday';
    await expect(checkPullInSlices(PullEnvelope.parse(bad), () => Promise.resolve(), 5))
      .rejects.toMatchObject({ code: 'INTERNAL', details: { table: 'interactions' } });
  });

  it('an envelope that is not a pull answer is refused before any row is looked at', () => {
    expect(PullEnvelope.safeParse({ format: 'columns', columns: { nosuch: { names: ['id'], values: [[1]] } } }).success).toBe(false);
  });
});
