// A note as the cache stores it, and as the API answers it.
import { type Note } from '../../../shared/domain.js';

export interface NoteRow {
  id: string; customer_id: string; interaction_id: string | null; body: string; author_id: string | null;
  author_name: string | null; created_at: string; version: number;
}

export const toNote = (r: NoteRow): Note => ({
  id: r.id, customerId: r.customer_id, interactionId: r.interaction_id, body: r.body, authorId: r.author_id,
  authorName: r.author_name, createdAt: r.created_at, version: r.version,
});
