// Who reads which report (REPORT_ROLES, docs/reports.md "Who reads which report"): written
// out here by hand, so a role slipping into a report's list turns this red.
import { describe, expect, it } from 'vitest';
import { ROLES } from '../../../src/shared/domain.js';
import { PERMISSIONS } from '../../../src/shared/permissions.js';
import { mayReadReport, REPORT_KEYS } from '../../../src/shared/reports.js';

const EXPECTED: Record<(typeof REPORT_KEYS)[number], string[]> = {
  service: ['lead', 'admin'],
  complaints: ['lead', 'admin'],
  quality: ['lead', 'admin'],
  customers: ['lead', 'sales_manager', 'admin'],
  postSales: ['lead', 'sales_manager', 'admin'],
  sales: ['sales_manager', 'admin'],
};

describe('report roles', () => {
  it.each(REPORT_KEYS)('%s: exactly its readers', (report) => {
    expect(ROLES.filter((r) => mayReadReport(r, report)).sort()).toEqual([...EXPECTED[report]].sort());
  });
  it('every reader of a report gets past the reports routes\' door (reports.view)', () => {
    for (const report of REPORT_KEYS) {
      for (const role of ROLES.filter((r) => mayReadReport(r, report))) expect(PERMISSIONS['reports.view']).toContain(role);
    }
  });
});
