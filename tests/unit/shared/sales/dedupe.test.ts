// De-duplication keys (docs/sales.md): every written form of one Indonesian number is one key,
// e-mails compare without case or spaces, and what cannot be read is reported, not dropped.
import { describe, expect, it } from 'vitest';
import { dedupeKeys, normaliseEmail, splitList } from '../../../../src/shared/sales/dedupe.js';
import { advancedStage } from '../../../../src/shared/sales/lifecycle.js';

describe('dedupeKeys', () => {
  it.each([
    '0812-3456-7890', '+62 812 3456 7890', '6281234567890', '(0812) 3456 7890', '0812 3456 7890', '+62-812-3456-7890',
    ' 081234567890 ', '0062 812 3456 7890', '+62 (812) 3456-7890',
  ])('reads %s as +6281234567890', (form) => {
    expect(dedupeKeys([form], [])).toEqual({ phones: ['+6281234567890'], emails: [], invalid: [] });
  });

  it('keeps one key for several forms of the same number, and the other number beside it', () => {
    expect(dedupeKeys(['0812-3456-7890', '+62 812 3456 7890', '(021) 555-0123'], []).phones).toEqual(['+6281234567890', '+62215550123']);
  });

  it('lists what is not a number or an e-mail, and skips empty cells', () => {
    expect(dedupeKeys(['12', '', 'call me'], ['not-an-email', ' ', 'a@b'])).toEqual({
      phones: [], emails: [], invalid: ['12', 'call me', 'not-an-email', 'a@b'],
    });
  });

  it('compares e-mails without case or surrounding spaces', () => {
    expect(dedupeKeys([], [' Siti.Rahma@Example.CO.ID ', 'siti.rahma@example.co.id']).emails).toEqual(['siti.rahma@example.co.id']);
    expect(normaliseEmail('<script>@x.id')).toBeNull();
  });

  it('splits a list cell on ; or ,', () => {
    expect(splitList('0812-3456-7890; +62 811 2222 3333,')).toEqual(['0812-3456-7890', '+62 811 2222 3333']);
  });
});

describe('advancedStage', () => {
  it('moves forward only', () => {
    expect(advancedStage('suspect', 'prospect')).toBe('prospect');
    expect(advancedStage('prospect', 'customer')).toBe('customer');
    expect(advancedStage('loyal', 'customer')).toBe('loyal');
    expect(advancedStage('customer', 'suspect')).toBe('customer');
  });
});
