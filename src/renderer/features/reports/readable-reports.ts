// The reports the signed-in role may read (REPORT_ROLES): the only ones the pickers offer.
// The server refuses the others with 403 anyway.
import { mayReadReport, REPORT_KEYS, type ReportKey } from '../../../shared/reports.js';
import { useAuthStore } from '../auth/store.js';

export function useReadableReports(): ReportKey[] {
  const role = useAuthStore((s) => s.user?.role ?? null);
  return REPORT_KEYS.filter((k) => role !== null && mayReadReport(role, k));
}
