// The field's mutations show at once in the cached visit plan (visit-cache.ts): checked in,
// checked out, the result, the visit's costs. The server's answer settles the count of
// waiting changes (onAcked); a refusal takes the change back out (revert) and the next fetch
// brings the server's copy.
import { type LocalEffectsOf } from '../outbox/local-effects.js';
import { patchVisit } from './visit-cache.js';

const settle = { onAcked: (db: Parameters<typeof patchVisit>[0], a: { visitId: string }) => patchVisit(db, a.visitId, (v) => v, -1) };
// Reverted: the change is undone by the next fetch, which may now overwrite (no change waits).
const undo = { revert: (db: Parameters<typeof patchVisit>[0], a: { visitId: string }) => patchVisit(db, a.visitId, (v) => v, -1) };

export const fieldSalesEffects = {
  'visit.checkIn': {
    applyLocally(db, a) {
      patchVisit(db, a.visitId, (v) => (v.checkInAt ? v : {
        ...v, checkInAt: a.at, status: v.status === 'planned' ? 'checked_in' : v.status,
        checkInPosition: a.position ? { lat: a.position.lat, lng: a.position.lng } : null,
      }), 1);
    },
    ...settle, ...undo,
  },
  'visit.checkOut': {
    applyLocally(db, a) {
      patchVisit(db, a.visitId, (v) => ({ ...v, checkOutAt: v.checkOutAt ?? a.at, checkInAt: v.checkInAt ?? a.at, status: 'done' }), 1);
    },
    ...settle, ...undo,
  },
  'visit.report': {
    applyLocally(db, a) {
      patchVisit(db, a.visitId, (v) => ({
        ...v, result: a.result, notes: a.notes || null, nextStep: a.nextStep || null, nextStepDue: a.nextStepDue,
        status: a.result === 'not_met' ? 'done' : v.status,
      }), 1);
    },
    ...settle, ...undo,
  },
  'cost.record': {
    applyLocally(db, a) {
      if (a.visitId) patchVisit(db, a.visitId, (v) => ({ ...v, costIdr: v.costIdr + a.amountIdr }), 1);
    },
    onAcked(db, a) {
      if (a.visitId) patchVisit(db, a.visitId, (v) => v, -1);
    },
    revert(db, a) {
      if (a.visitId) patchVisit(db, a.visitId, (v) => ({ ...v, costIdr: Math.max(0, v.costIdr - a.amountIdr) }), -1);
      db.prepare('DELETE FROM receipt_spool WHERE cost_id = ?').run(a.id);
    },
  },
} satisfies LocalEffectsOf<'visit.checkIn' | 'visit.checkOut' | 'visit.report' | 'cost.record'>;
