// Refused changes as the agent sees them, and what Fix may change. A refused mutation was
// rolled back locally when the server refused it (outbox.recordResults); its args stay in
// the outbox so nothing the agent wrote is lost: Fix sends it again with corrected fields
// as a new mutation, Discard drops it. See docs/decisions/0011-poison-mutations.md.
import { type RefusedChange, type RefusedChangeFields } from '../../../shared/api.js';
import { SapaError } from '../../../shared/errors.js';
import { type CacheDb } from '../cache/open-cache.js';
import { type RefusedEntry } from './outbox.js';

/** The fields Fix may change, per mutation: the agent's own text and times. */
const FIXABLE: Record<string, readonly (keyof RefusedChangeFields)[]> = {
  'note.create': ['body'],
  'callback.create': ['dueAt', 'note'],
};

type Args = Record<string, unknown>;
const asArgs = (args: unknown): Args => (args !== null && typeof args === 'object' ? args as Args : {});

export function describeRefused(db: CacheDb, entry: RefusedEntry): RefusedChange {
  const args = asArgs(entry.args);
  const customerId = typeof args.customerId === 'string' ? args.customerId : null;
  const customer = customerId
    ? db.prepare<[string], { full_name: string }>('SELECT full_name FROM customers WHERE id = ?').get(customerId)
    : undefined;
  const fixable = FIXABLE[entry.name];
  return {
    id: entry.id, name: entry.name, createdAt: entry.createdAt, reason: entry.reason,
    customerId, customerName: customer?.full_name ?? null,
    fields: fixable ? Object.fromEntries(fixable.map((f) => [f, args[f] ?? null])) as RefusedChangeFields : null,
  };
}

/** The refused mutation's args with the agent's corrections (only fields Fix may change). */
export function fixedArgs(entry: RefusedEntry, fields: RefusedChangeFields): unknown {
  const fixable = FIXABLE[entry.name];
  if (!fixable) throw new SapaError('INVALID_INPUT', `A refused ${entry.name} cannot be fixed, only discarded`);
  const extra = Object.keys(fields).filter((f) => !fixable.includes(f as keyof RefusedChangeFields));
  if (extra.length > 0) {
    throw new SapaError('INVALID_INPUT', `Fix may change only ${fixable.join(', ')} of a ${entry.name}`, extra.map((f) => `${f}: not editable`));
  }
  return { ...asArgs(entry.args), ...fields };
}
