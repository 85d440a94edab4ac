// What the customer-side script masks before events leave the browser (src/cobrowse/masking.ts).
// Elements are small stand-ins with the three things the rule reads: attributes, id, closest().
import { describe, expect, it } from 'vitest';
import { MASK, isSensitiveField, looksLikeCardNumber, maskInput, passesLuhn } from '../../../src/cobrowse/masking.js';

function field(attrs: Record<string, string>, id = '', insideMask = false): HTMLElement {
  return {
    id,
    getAttribute: (name: string) => attrs[name] ?? null,
    hasAttribute: (name: string) => name in attrs,
    closest: (selector: string) => (insideMask && selector === '[data-sapa-mask]' ? {} : null),
  } as unknown as HTMLElement;
}

describe('masking on the customer\'s page', () => {
  it('knows card numbers by length and the Luhn check', () => {
    expect(passesLuhn('4111111111111111')).toBe(true);
    expect(passesLuhn('4111111111111112')).toBe(false);
    expect(looksLikeCardNumber('4111 1111 1111 1111')).toBe(true);
    expect(looksLikeCardNumber('5500-0000-0000-0004')).toBe(true);
    expect(looksLikeCardNumber('411111111111')).toBe(false); // 12 digits
    expect(looksLikeCardNumber('12345678901234567890')).toBe(false); // 20 digits
    expect(looksLikeCardNumber('Budi 4111 1111 1111 1111')).toBe(false);
  });

  it('masks passwords, card fields, one-time codes and marked fields, whatever their value', () => {
    expect(isSensitiveField(field({ type: 'password' }), 'rahasia')).toBe(true);
    expect(isSensitiveField(field({ type: 'text', 'data-rr-is-password': 'true' }), 'rahasia')).toBe(true);
    expect(isSensitiveField(field({ autocomplete: 'cc-number' }), '4')).toBe(true);
    expect(isSensitiveField(field({ autocomplete: 'billing cc-csc' }), '123')).toBe(true);
    expect(isSensitiveField(field({ autocomplete: 'one-time-code' }), '123456')).toBe(true);
    expect(isSensitiveField(field({ name: 'nomor_kartu' }), '4')).toBe(true);
    expect(isSensitiveField(field({}, 'cvv'), '123')).toBe(true);
    expect(isSensitiveField(field({ name: 'pin' }), '1234')).toBe(true);
    expect(isSensitiveField(field({ name: 'catatan' }, '', true), 'apa saja')).toBe(true);
  });

  it('masks a card number typed into any plain field, but not a phone number field', () => {
    expect(isSensitiveField(field({ inputmode: 'numeric', name: 'nomor' }), '4111 1111 1111 1111')).toBe(true);
    expect(isSensitiveField(field({ type: 'text', name: 'catatan' }), '4111111111111111')).toBe(true);
    expect(isSensitiveField(field({ type: 'tel', name: 'hp' }), '4111111111111111')).toBe(false);
  });

  it('leaves ordinary fields as they are, and masks with a fixed length', () => {
    expect(maskInput('Budi Santoso', field({ name: 'nama', type: 'text' }))).toBe('Budi Santoso');
    expect(maskInput('+62 812 3456 7890', field({ name: 'hp', type: 'tel' }))).toBe('+62 812 3456 7890');
    expect(maskInput('x', field({ type: 'password' }))).toBe(MASK);
    expect(maskInput('a much longer password than eight', field({ type: 'password' }))).toBe(MASK);
  });
});
