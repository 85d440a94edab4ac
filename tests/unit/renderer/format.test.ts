import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDateTime,
  formatDuration,
  formatIdr,
  localeTag,
} from '../../../src/renderer/i18n/format.js';
import { initialLanguage, languageFromLocale } from '../../../src/renderer/i18n/language.js';

// Intl separates currency and amount with a no-break space; compare what a reader sees.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

describe('formatIdr', () => {
  it('writes rupiah the Indonesian way, without decimals', () => {
    expect(plain(formatIdr(1_500_000, 'id'))).toBe('Rp 1.500.000');
    expect(plain(formatIdr(1_234.6, 'id'))).toBe('Rp 1.235');
  });

  it('writes rupiah the English way', () => {
    expect(plain(formatIdr(1_500_000, 'en'))).toBe('IDR 1,500,000');
  });
});

describe('dates', () => {
  it('uses id-ID and en-GB', () => {
    expect(localeTag('id')).toBe('id-ID');
    expect(localeTag('en')).toBe('en-GB');
  });

  it('keeps a calendar date on its day whatever the time zone', () => {
    expect(formatDate('2025-03-01', 'en')).toBe('1 Mar 2025');
    expect(formatDate('2025-03-01', 'id')).toBe('1 Mar 2025');
    expect(formatDate('2025-08-17', 'id')).toBe('17 Agu 2025');
  });

  it('shows a timestamp in the given time zone and language', () => {
    expect(plain(formatDateTime('2025-11-25T01:30:00Z', 'en', 'Asia/Jakarta'))).toBe('25 Nov 2025, 08:30');
    expect(plain(formatDateTime('2025-11-25T01:30:00Z', 'id', 'Asia/Jakarta'))).toBe('25 Nov 2025, 08.30');
  });

  it('shows unparseable input as it is rather than "Invalid Date"', () => {
    expect(formatDateTime('not a date', 'en')).toBe('not a date');
    expect(formatDate('2025-99-99', 'en')).toBe('2025-99-99');
  });
});

describe('formatDuration', () => {
  it('shows m:ss under an hour and h:mm:ss above', () => {
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(65)).toBe('1:05');
    expect(formatDuration(3_725)).toBe('1:02:05');
  });
});

describe('initial language', () => {
  it('prefers the saved setting', () => {
    expect(initialLanguage('en', 'id-ID')).toBe('en');
    expect(initialLanguage('id', 'en-US')).toBe('id');
  });

  it('falls back to the system language: Indonesian for id*, else English', () => {
    expect(initialLanguage(null, 'id-ID')).toBe('id');
    expect(languageFromLocale('id')).toBe('id');
    expect(languageFromLocale('en-US')).toBe('en');
    expect(languageFromLocale('ms-MY')).toBe('en');
    expect(languageFromLocale('ido')).toBe('en');
    expect(languageFromLocale(undefined)).toBe('en');
  });
});
