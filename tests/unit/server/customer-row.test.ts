// The CSV import's row rules (docs/csv-import.md) as the zod schema applies them, without a
// database: each documented bad value gets its reason, the first bad column wins, values
// are normalised, and an optional column absent from the file stays absent.
import { describe, expect, it } from 'vitest';
import { readHeader } from '../../../src/server/imports/columns.js';
import { validateRow } from '../../../src/server/imports/validate-row.js';

const REQUIRED = ['external_id', 'full_name', 'phones', 'emails', 'tier', 'segment', 'city', 'customer_since'];
const GOOD: Record<string, string> = {
  external_id: 'A-1', full_name: 'Siti Rahayu', phones: '0812 1111 2222', emails: 'siti@example.com', tier: 'gold',
  segment: 'consumer', city: 'Bandung', customer_since: '2020-05-01',
};

function check(overrides: Record<string, string>) {
  const row = { ...GOOD, ...overrides };
  const columns = [...REQUIRED, ...Object.keys(overrides).filter((c) => !REQUIRED.includes(c))];
  return validateRow(columns.map((c) => row[c] ?? ''), readHeader(columns), columns.length);
}
const reason = (overrides: Record<string, string>) => {
  const r = check(overrides);
  return r.ok ? 'accepted' : r.reason;
};

describe('a CSV row', () => {
  it('gives each documented bad value its reason', () => {
    expect(reason({ external_id: '' })).toBe('external_id is missing');
    expect(reason({ external_id: 'x'.repeat(65) })).toBe('external_id is longer than 64 characters');
    expect(reason({ full_name: '  ' })).toBe('full_name is missing');
    expect(reason({ full_name: 'n'.repeat(201) })).toBe('full_name is longer than 200 characters');
    expect(reason({ phones: '0812 1111 2222;0812-abc' })).toBe('Invalid phone number "0812-abc"');
    expect(reason({ phones: Array(21).fill('081211112222').join(';') })).toBe('More than 20 phone numbers');
    expect(reason({ emails: 'not-an-email' })).toBe('Invalid e-mail address "not-an-email"');
    expect(reason({ emails: Array(21).fill('a@b.co').join(';') })).toBe('More than 20 e-mail addresses');
    expect(reason({ tier: 'Diamond' })).toBe('Unknown tier "Diamond" (expected platinum, gold, silver, regular)');
    expect(reason({ segment: 's'.repeat(51) })).toBe('segment is longer than 50 characters');
    expect(reason({ city: 'c'.repeat(101) })).toBe('city is longer than 100 characters');
    expect(reason({ customer_since: '2021-02-30' })).toBe('Invalid customer_since date "2021-02-30" (expected YYYY-MM-DD)');
    expect(reason({ salutation: 'Sir' })).toBe('Unknown salutation "Sir" (expected Bapak or Ibu)');
    expect(reason({ salutation: 'constructor' })).toBe('Unknown salutation "constructor" (expected Bapak or Ibu)');
    expect(reason({ address: 'a'.repeat(501) })).toBe('address is longer than 500 characters');
    expect(reason({ language: 'fr' })).toBe('Unknown language "fr" (expected id, en)');
    expect(reason({ vvip: 'maybe' })).toBe('Invalid vvip value "maybe" (expected true or false)');
    expect(reason({ billing: 'credit' })).toBe('Unknown billing "credit" (expected prepaid, postpaid)');
    expect(reason({ lifecycle: 'fan' })).toBe('Unknown lifecycle "fan" (expected suspect, prospect, customer, loyal, advocate)');
    expect(reason({ lifetime_value_idr: '1.5' })).toBe('Invalid lifetime_value_idr "1.5" (expected whole rupiah)');
    expect(reason({ segment: 'x'.repeat(10_001) })).toBe('Field segment is too long (10001 characters; limit 10000)');
  });

  it('names the first bad column when several are wrong', () => {
    expect(reason({ full_name: '', tier: 'diamond', customer_since: 'x' })).toBe('full_name is missing');
    expect(reason({ tier: 'diamond', customer_since: 'x' })).toMatch(/^Unknown tier/);
  });

  it('normalises what it accepts', () => {
    const r = check({
      phones: '0812 1111 2222; +62 812-1111-2222 ;(021) 5551234', emails: 'a@b.co;a@b.co', tier: 'GOLD', segment: '',
      customer_since: '', salutation: 'bpk.', language: '', vvip: 'ya', billing: 'POSTPAID', lifecycle: '', lifetime_value_idr: '',
    });
    expect(r).toEqual({
      ok: true,
      customer: {
        externalId: 'A-1', fullName: 'Siti Rahayu',
        phones: [{ e164: '+6281211112222', type: 'mobile' }, { e164: '+62215551234', type: 'home' }],
        emails: ['a@b.co'], tier: 'gold', segment: null, city: 'Bandung', customerSince: null,
        salutation: 'Bapak', language: 'id', vvip: true, billing: 'postpaid', lifecycle: 'customer', lifetimeValueIdr: 0,
      },
    });
  });

  it('leaves optional columns the file lacks out of the customer (an update keeps them)', () => {
    const r = check({});
    expect(r.ok && Object.keys(r.customer).sort()).toEqual(
      ['city', 'customerSince', 'emails', 'externalId', 'fullName', 'phones', 'segment', 'tier']);
  });

  it('refuses a row with a different number of fields than the header', () => {
    expect(validateRow(['A-1'], readHeader(REQUIRED), REQUIRED.length)).toEqual({ ok: false, reason: 'Row has 1 fields; the header has 8' });
  });
});
