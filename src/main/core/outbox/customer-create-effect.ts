// Local side of `customer.create` (an unknown caller becomes a customer): the row is in
// the cache at once (version 0, so the server's row replaces it on the next pull) with its
// phone and search entries, so the screen pop, search and the wrap-up find it offline.
import { nationalKey } from '../../../shared/phone.js';
import { customerParams } from '../cache/rows.js';
import { type LocalEffectsOf } from './local-effects.js';

/** Shown until the server's row (with the number it assigned) comes back. */
export const PENDING_CUSTOMER_NO = '…';

export const customerCreateEffects = {
  'customer.create': {
    applyLocally(db, a) {
      if (db.prepare('SELECT 1 FROM customers WHERE id = ?').get(a.id)) return;
      const params = customerParams({
        id: a.id, customerNo: PENDING_CUSTOMER_NO, externalId: null, fullName: a.fullName, salutation: a.salutation,
        phones: [{ e164: a.phoneE164, type: 'mobile' }], emails: a.email ? [a.email] : [], address: null, city: null,
        branch: null, language: 'id', segment: null, tier: a.tier, vvip: false, billing: 'prepaid', lifecycle: 'prospect',
        customerSince: a.createdAt.slice(0, 10), lifetimeValueIdr: 0, version: 0, updatedAt: a.createdAt,
      });
      const { lastInsertRowid } = db.prepare(`INSERT INTO customers (id, customer_no, external_id, full_name, salutation,
        phones, emails, address, city, branch, language, segment, tier, vvip, billing, lifecycle, customer_since,
        lifetime_value_idr, version, updated_at) VALUES (${params.map(() => '?').join(', ')})`).run(...params);
      db.prepare('INSERT OR IGNORE INTO customer_phones (nsn, e164, customer_id) VALUES (?, ?, ?)').run(nationalKey(a.phoneE164), a.phoneE164, a.id);
      db.prepare('INSERT INTO customers_fts (rowid, full_name, emails, customer_no) VALUES (?, ?, ?, ?)')
        .run(lastInsertRowid, a.fullName, a.email ?? '', PENDING_CUSTOMER_NO);
    },
    // Refused for good (it cannot be once core validated it, but a newer server may):
    // the stranger is a stranger again.
    revert(db, a) {
      const row = db.prepare<[string], { rowid: number }>('SELECT rowid FROM customers WHERE id = ? AND version = 0').get(a.id);
      if (!row) return;
      db.prepare('DELETE FROM customers_fts WHERE rowid = ?').run(row.rowid);
      db.prepare('DELETE FROM customer_phones WHERE customer_id = ?').run(a.id);
      db.prepare('DELETE FROM customers WHERE id = ?').run(a.id);
    },
  },
} satisfies LocalEffectsOf<'customer.create'>;
