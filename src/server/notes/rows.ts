// A note row as PostgreSQL answers it, and its domain shape (pulled by desktops).
import { type Note } from '../../shared/domain.js';
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
