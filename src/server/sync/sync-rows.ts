// Row shapes of the tables the sync issue added (notes, call-backs) and their domain mapping.
import { type Callback, type Note, type User } from '../../shared/domain.js';
import { iso, type Timestamp } from '../db/timestamps.js';

export interface NoteRow {
  id: string; customer_id: string; interaction_id: string | null; body: string; author_id: string | null;
  author_name: string | null; created_at: Timestamp; version: number;
}

export function toNote(r: NoteRow): Note {
  return {
    id: r.id, customerId: r.customer_id, interactionId: r.interaction_id, body: r.body, authorId: r.author_id,
    authorName: r.author_name, createdAt: iso(r.created_at), version: r.version,
  };
}

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

/** Users as pulled: the reference row plus the working-set scope (migration 005). */
export interface SyncUserRow {
  id: string; username: string; display_name: string; role: User['role']; branch: string | null; queues: string[] | null; version: number;
}

export function toSyncUser(r: SyncUserRow): User {
  return {
    id: r.id, username: r.username, displayName: r.display_name, role: r.role, version: r.version,
    branch: r.branch, queues: r.queues ?? [],
  };
}
