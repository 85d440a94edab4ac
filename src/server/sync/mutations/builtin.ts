// The built-in mutations: interaction.create, note.create, callback.create (appends: an
// insert that is a no-op when the row already exists, so they never conflict) and
// customer.update (field edits, compared against the value the author saw).
import { SapaError } from '../../../shared/errors.js';
import {
  CallbackCreateArgs, CustomerUpdateArgs, EDITABLE_CUSTOMER_FIELDS, type EditableCustomerField,
  InteractionCreateArgs, NoteCreateArgs, WorkingSetArgs,
} from '../../../shared/mutations.js';
import { searchTermsFor } from '../../customers/terms.js';
import { type Db } from '../../db/db.js';
import { registerMutation } from './registry.js';

async function requireCustomer(tx: Db, id: string): Promise<void> {
  const [row] = await tx.query<{ id: string }>('SELECT id FROM customers WHERE id = $1', [id]);
  if (!row) throw new SapaError('NOT_FOUND', `Customer ${id} does not exist`);
}

/** The customer a number belongs to (first by customer number when several share it). */
async function resolvePhone(tx: Db, e164: string): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `SELECT c.id FROM customer_phones p JOIN customers c ON c.id = p.customer_id
     WHERE p.e164 = $1 ORDER BY c.customer_no LIMIT 1`, [e164]);
  if (!row) throw new SapaError('NOT_FOUND', `No customer has the number ${e164}`);
  return row.id;
}

let registered = false;

export function registerBuiltinMutations(): void {
  if (registered) return;
  registered = true;

  registerMutation('interaction.create', {
    schema: InteractionCreateArgs,
    async apply(tx, a, ctx) {
      const customerId = a.customerId ?? await resolvePhone(tx, a.phoneE164 ?? '');
      if (a.customerId) await requireCustomer(tx, a.customerId);
      await tx.query(
        `INSERT INTO interactions (id, customer_id, channel, direction, started_at, ended_at, agent_id,
           agent_name, subject, body, disposition, duration_sec, recording_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT (id) DO NOTHING`,
        [a.id, customerId, a.channel, a.direction, a.startedAt, a.endedAt, ctx.user.id, ctx.user.displayName,
          a.subject, a.body, a.disposition, a.durationSec, a.recordingId]);
    },
  });

  registerMutation('note.create', {
    schema: NoteCreateArgs,
    async apply(tx, a, ctx) {
      await requireCustomer(tx, a.customerId);
      await tx.query(
        `INSERT INTO notes (id, customer_id, interaction_id, body, author_id, author_name, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING`,
        [a.id, a.customerId, a.interactionId, a.body, ctx.user.id, ctx.user.displayName, a.createdAt]);
    },
  });

  registerMutation('callback.create', {
    schema: CallbackCreateArgs,
    async apply(tx, a, ctx) {
      const customerId = a.customerId ?? await resolvePhone(tx, a.phoneE164 ?? '');
      if (a.customerId) await requireCustomer(tx, a.customerId);
      await tx.query(
        `INSERT INTO callbacks (id, customer_id, phone_e164, due_at, note, assignee_id, created_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING`,
        [a.id, customerId, a.phoneE164, a.dueAt, a.note, a.assigneeId ?? ctx.user.id, ctx.user.id, a.createdAt]);
    },
  });

  // The working set: which customers this user's desktop replicates (pull scope=working).
  registerMutation('workingset.join', {
    schema: WorkingSetArgs,
    async apply(tx, a, ctx) {
      await tx.query('INSERT INTO working_sets (user_id, customer_id) VALUES ($1, $2) ON CONFLICT DO NOTHING', [ctx.user.id, a.customerId]);
    },
  });
  registerMutation('workingset.leave', {
    schema: WorkingSetArgs,
    async apply(tx, a, ctx) {
      await tx.query('DELETE FROM working_sets WHERE user_id = $1 AND customer_id = $2', [ctx.user.id, a.customerId]);
    },
  });

  registerMutation('customer.update', {
    schema: CustomerUpdateArgs,
    async apply(tx, a, ctx) {
      const [row] = await tx.query<Record<string, unknown>>(
        `SELECT ${Object.keys(COLUMN).map((f) => `${COLUMN[f as EditableCustomerField]} AS "${f}"`).join(', ')}
         FROM customers WHERE id = $1 FOR UPDATE`, [a.customerId]);
      if (!row) throw new SapaError('NOT_FOUND', `Customer ${a.customerId} does not exist`);
      const sets: string[] = [];
      const params: (string | null | string[])[] = [];
      for (const [field, edit] of Object.entries(a.fields) as [EditableCustomerField, { from: unknown; to: unknown }][]) {
        EDITABLE_CUSTOMER_FIELDS[field].parse(edit.to);
        const current = row[field] ?? null;
        if (current === edit.to) continue;
        if (current !== edit.from) {
          // Someone changed it since the author saw it: server order keeps theirs.
          ctx.conflict({ entity: 'customer', entityId: a.customerId, field, yourValue: edit.to, serverValue: current });
          continue;
        }
        params.push(edit.to as string | null);
        sets.push(`${COLUMN[field]} = $${params.length + 1}`);
      }
      if (sets.length === 0) return;
      if (sets.some((s) => s.startsWith('full_name'))) {
        // Search terms follow the name (computed in JS, as every writer does).
        const [c] = await tx.query<{ customer_no: string; external_id: string | null; emails: string[] }>(
          'SELECT customer_no, external_id, emails FROM customers WHERE id = $1', [a.customerId]);
        const fullName = (a.fields.fullName?.to ?? '');
        params.push(searchTermsFor({ customerNo: c?.customer_no ?? '', externalId: c?.external_id ?? null, fullName, emails: c?.emails ?? [] }));
        sets.push(`search_terms = $${params.length + 1}`);
      }
      await tx.query(`UPDATE customers SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, [a.customerId, ...params]);
    },
  });
}

const COLUMN: Record<EditableCustomerField, string> = {
  fullName: 'full_name', address: 'address', city: 'city', language: 'language', segment: 'segment',
  tier: 'tier', lifecycle: 'lifecycle',
};
