// The queue routing's checks: every mistake is reported at once, the cross-checks included.
import { describe, expect, it } from 'vitest';
import { QueueCreateForm } from '../../../src/shared/org.js';
import { DEFAULT_QUEUE_ROUTING, QueueRouting } from '../../../src/shared/queue-routing.js';

const row = { code: 'uji', labelId: 'Uji', labelEn: 'Test', caseCategories: [], active: true, ...DEFAULT_QUEUE_ROUTING };
const paths = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  (result.error?.issues ?? []).map((i) => i.path.join('.')).sort();

describe('queue routing checks', () => {
  it('accepts the defaults', () => {
    expect(QueueRouting.safeParse(DEFAULT_QUEUE_ROUTING).success).toBe(true);
    expect(QueueCreateForm.safeParse(row).success).toBe(true);
  });

  it('says "overflow needs a site" together with a malformed hotline number, not after it is fixed', () => {
    const result = QueueCreateForm.safeParse({ ...row, hotlineNumbers: ['1500-777'], maxWaitAction: 'overflow', overflowSiteCode: null });
    expect(paths(result)).toEqual(['hotlineNumbers.0', 'overflowSiteCode']);
  });

  it('checks the widening order on the whole routing and on the form', () => {
    const late = { widenSkilledAfterSec: 120, widenAnyoneAfterSec: 60 };
    expect(paths(QueueRouting.safeParse({ ...DEFAULT_QUEUE_ROUTING, ...late }))).toEqual(['widenAnyoneAfterSec']);
    expect(paths(QueueCreateForm.safeParse({ ...row, ...late, labelEn: '' }))).toEqual(['labelEn', 'widenAnyoneAfterSec']);
  });

  it('leaves a field that is not given to the server (an update of the labels only)', () => {
    expect(QueueCreateForm.safeParse({ code: 'uji', labelId: 'Uji', labelEn: 'Test', caseCategories: [], active: true, maxWaitAction: 'overflow' }).success).toBe(true);
  });
});
