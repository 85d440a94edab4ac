// note.create shows in the cache at once (version 0 until the server's row comes back).
import { type LocalEffectsOf } from '../outbox/local-effects.js';

export const noteEffects = {
  'note.create': {
    applyLocally(db, a, author) {
      db.prepare(
        `INSERT OR IGNORE INTO notes (id, customer_id, interaction_id, body, author_id, author_name, created_at, version)
         VALUES (?, ?, ?, ?, ?, ?, ?, 0)`,
      ).run(a.id, a.customerId, a.interactionId, a.body, author.id, author.displayName, a.createdAt);
    },
    revert(db, a) {
      db.prepare('DELETE FROM notes WHERE id = ? AND version = 0').run(a.id);
    },
  },
} satisfies LocalEffectsOf<'note.create'>;
