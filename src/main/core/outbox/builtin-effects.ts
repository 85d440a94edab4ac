// Optimistic local effects of interaction.create and customer.update.
import { type EditableCustomerField } from '../../../shared/mutations.js';
import { type LocalEffectsOf } from './local-effects.js';

const CUSTOMER_COLUMN: Record<EditableCustomerField, string> = {
  fullName: 'full_name', address: 'address', city: 'city', language: 'language', segment: 'segment',
  tier: 'tier', lifecycle: 'lifecycle',
};

export const interactionEffects = {
  'interaction.create': {
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
  },
} satisfies LocalEffectsOf<'interaction.create'>;

export const customerUpdateEffects = {
  'customer.update': {
    // Shown at once; the server's row (newer version) replaces it on the next pull,
    // which also corrects a field whose edit lost a conflict.
    applyLocally(db, a) {
      for (const [field, edit] of Object.entries(a.fields) as [EditableCustomerField, { to: unknown }][]) {
        db.prepare(`UPDATE customers SET ${CUSTOMER_COLUMN[field]} = ? WHERE id = ?`).run(edit.to as string | null, a.customerId);
      }
    },
    // Refused for good (e.g. the customer was removed on the server): put back what the
    // agent saw, unless something newer replaced the edit in the cache meanwhile.
    revert(db, a) {
      for (const [field, edit] of Object.entries(a.fields) as [EditableCustomerField, { from: unknown; to: unknown }][]) {
        db.prepare(`UPDATE customers SET ${CUSTOMER_COLUMN[field]} = ? WHERE id = ? AND ${CUSTOMER_COLUMN[field]} IS ?`)
          .run(edit.from as string | null, a.customerId, edit.to as string | null);
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
  },
} satisfies LocalEffectsOf<'customer.update'>;
