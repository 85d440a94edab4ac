// A call-back row as PostgreSQL answers it, and its domain shape (pulled by desktops).
import { type Callback } from '../../shared/domain.js';
import { iso, type Timestamp } from '../db/timestamps.js';

export interface CallbackRow {
  id: string; customer_id: string; phone_e164: string | null; due_at: Timestamp; note: string | null;
  assignee_id: string | null; status: Callback['status']; created_by: string | null; created_at: Timestamp; version: number;
}

export function toCallback(r: CallbackRow): Callback {
  return {
    id: r.id, customerId: r.customer_id, phoneE164: r.phone_e164, dueAt: iso(r.due_at), note: r.note,
    assigneeId: r.assignee_id, status: r.status, createdBy: r.created_by, createdAt: iso(r.created_at), version: r.version,
  };
}
