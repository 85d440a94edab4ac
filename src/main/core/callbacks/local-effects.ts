// callback.create shows in the cache at once (version 0 until the server's row comes back).
import { type LocalEffectsOf } from '../outbox/local-effects.js';

export const callbackEffects = {
  'callback.create': {
    applyLocally(db, a, author) {
      if (!a.customerId) return; // unresolved number (offline, uncached caller): the server attaches it
      db.prepare(
        `INSERT OR IGNORE INTO callbacks (id, customer_id, phone_e164, due_at, note, assignee_id, status, created_by,
           created_at, version) VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?, 0)`,
      ).run(a.id, a.customerId, a.phoneE164, a.dueAt, a.note, a.assigneeId ?? author.id, author.id, a.createdAt);
    },
    revert(db, a) {
      db.prepare('DELETE FROM callbacks WHERE id = ? AND version = 0').run(a.id);
    },
  },
} satisfies LocalEffectsOf<'callback.create'>;
