// Optimistic local effects of the built-in mutations (see src/shared/mutations.ts).
import {
  CallbackCreateArgs, CustomerUpdateArgs, type EditableCustomerField, InteractionCreateArgs, NoteCreateArgs,
} from '../../../shared/mutations.js';
import { registerLocalMutation } from './local-effects.js';

const CUSTOMER_COLUMN: Record<EditableCustomerField, string> = {
  fullName: 'full_name', address: 'address', city: 'city', language: 'language', segment: 'segment',
  tier: 'tier', lifecycle: 'lifecycle',
};

let registered = false;

export function registerBuiltinLocalMutations(): void {
  if (registered) return;
  registered = true;

  registerLocalMutation('interaction.create', {
    schema: InteractionCreateArgs,
    applyLocally(db, a, author) {
      // An unresolved number (offline, uncached caller) has no customer row to hang on:
      // it lives in the outbox only, and the server attaches it when it resolves the number.
      if (!a.customerId) return;
      db.prepare(
        `INSERT OR IGNORE INTO interactions (id, customer_id, channel, direction, started_at, ended_at, agent_id,
           agent_name, subject, body, disposition, duration_sec, recording_id, version)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)`,
      ).run(a.id, a.customerId, a.channel, a.direction, a.startedAt, a.endedAt, author.id, author.displayName,
        a.subject, a.body, a.disposition, a.durationSec, a.recordingId);
    },
    revert(db, a) {
      db.prepare('DELETE FROM interactions WHERE id = ? AND version = 0').run(a.id);
    },
  });

  registerLocalMutation('note.create', {
    schema: NoteCreateArgs,
    applyLocally(db, a, author) {
      db.prepare(
        `INSERT OR IGNORE INTO notes (id, customer_id, interaction_id, body, author_id, author_name, created_at, version)
         VALUES (?, ?, ?, ?, ?, ?, ?, 0)`,
      ).run(a.id, a.customerId, a.interactionId, a.body, author.id, author.displayName, a.createdAt);
    },
    revert(db, a) {
      db.prepare('DELETE FROM notes WHERE id = ? AND version = 0').run(a.id);
    },
  });

  registerLocalMutation('callback.create', {
    schema: CallbackCreateArgs,
    applyLocally(db, a, author) {
      if (!a.customerId) return; // unresolved number: the server attaches it
      db.prepare(
        `INSERT OR IGNORE INTO callbacks (id, customer_id, phone_e164, due_at, note, assignee_id, status, created_by,
           created_at, version) VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?, 0)`,
      ).run(a.id, a.customerId, a.phoneE164, a.dueAt, a.note, a.assigneeId ?? author.id, author.id, a.createdAt);
    },
    revert(db, a) {
      db.prepare('DELETE FROM callbacks WHERE id = ? AND version = 0').run(a.id);
    },
  });

  registerLocalMutation('customer.update', {
    schema: CustomerUpdateArgs,
    // Shown at once; the server's row (newer version) replaces it on the next pull,
    // which also corrects a field whose edit lost a conflict.
    applyLocally(db, a) {
      for (const [field, edit] of Object.entries(a.fields) as [EditableCustomerField, { to: unknown }][]) {
        db.prepare(`UPDATE customers SET ${CUSTOMER_COLUMN[field]} = ? WHERE id = ?`).run(edit.to as string | null, a.customerId);
      }
    },
    // A lost edit changes nothing on the server, so no pull would correct the cache:
    // put the server's value back from the conflict answer.
    onConflicts(db, a, conflicts) {
      for (const c of conflicts) {
        const column = CUSTOMER_COLUMN[c.field as EditableCustomerField] as string | undefined;
        if (c.entity !== 'customer' || c.entityId !== a.customerId || !column) continue;
        db.prepare(`UPDATE customers SET ${column} = ? WHERE id = ?`).run(c.serverValue as string | null, a.customerId);
      }
    },
  });
}
