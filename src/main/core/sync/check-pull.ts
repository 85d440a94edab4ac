// A pull answer's rows checked against the sync schemas a slice at a time, yielding between
// slices, before anything of the batch is applied (decision 0041): a bad row still refuses
// the whole batch (nothing applied, the cursor unmoved), and a 5 000-row batch no longer
// holds core's thread for the tens of milliseconds one check of it takes.
import { SapaError, describeZodIssues } from '../../../shared/errors.js';
import { PullResponse, SYNC_TABLES } from '../../../shared/sync.js';
import { type PullEnvelope } from '../../../shared/sync-wire.js';

/** Rows checked between two yields (a few milliseconds on a slow machine). */
export const CHECK_SLICE_ROWS = 500;

export async function checkPullInSlices(envelope: PullEnvelope, yieldNow: () => Promise<void>, sliceRows = CHECK_SLICE_ROWS): Promise<PullResponse> {
  const changes: Record<string, unknown[]> = {};
  for (const table of SYNC_TABLES) {
    const rows = envelope.changes[table];
    const schema = PullResponse.shape.changes.shape[table];
    const checked: unknown[] = [];
    for (let from = 0; from < rows.length; from += sliceRows) {
      const slice = schema.safeParse(rows.slice(from, from + sliceRows));
      if (!slice.success) {
        throw new SapaError('INTERNAL', 'The server sent data that does not match the contract', {
          path: '/sync/pull', table, issues: describeZodIssues(slice.error),
        });
      }
      for (const row of slice.data) checked.push(row);
      if (from + sliceRows < rows.length) await yieldNow();
    }
    changes[table] = checked;
  }
  return { ...envelope, changes: changes as PullResponse['changes'] };
}
