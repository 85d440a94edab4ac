// A call-back as the cache stores it, and as the API answers it.
import { type Callback } from '../../../shared/domain.js';

export interface CallbackRow {
  id: string; customer_id: string; phone_e164: string | null; due_at: string; note: string | null;
  assignee_id: string | null; status: Callback['status']; created_by: string | null; created_at: string; version: number;
}

export const toCallback = (r: CallbackRow): Callback => ({
  id: r.id, customerId: r.customer_id, phoneE164: r.phone_e164, dueAt: r.due_at, note: r.note,
  assigneeId: r.assignee_id, status: r.status, createdBy: r.created_by, createdAt: r.created_at, version: r.version,
});
