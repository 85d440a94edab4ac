// Which dispositions a saved call may carry (src/server/calls/dispositions.ts): the table's
// active rows; a disabled row only for a call that ended before it was disabled; a code the
// table does not have only when it is one of the built-in list a desktop offers offline.
import { describe, expect, it } from 'vitest';
import { dispositionAllowed } from '../../../src/server/calls/dispositions.js';

const disabledAt = new Date('2026-11-02T03:00:00Z');
const before = new Date('2026-11-02T02:59:00Z');
const after = new Date('2026-11-02T03:01:00Z');

describe('call dispositions', () => {
  it('accepts an active row whenever the call ended', () => {
    expect(dispositionAllowed('promo_offered', { active: true, disabledAt: null }, after)).toBe(true);
  });

  it('accepts a disabled row only for a call that ended before it was disabled', () => {
    expect(dispositionAllowed('promo_offered', { active: false, disabledAt }, before)).toBe(true);
    expect(dispositionAllowed('promo_offered', { active: false, disabledAt }, after)).toBe(false);
    expect(dispositionAllowed('sale', { active: false, disabledAt }, after)).toBe(false);
  });

  it('accepts a code missing from the table only from the built-in list', () => {
    expect(dispositionAllowed('sale', undefined, after)).toBe(true);
    expect(dispositionAllowed('made_up', undefined, after)).toBe(false);
  });
});
