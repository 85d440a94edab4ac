// Numbers, money and dates in the active UI language. Formatters are cached because the
// history timeline formats thousands of timestamps while scrolling.
import { type Language } from '../../shared/domain.js';

/** BCP-47 tag used for Intl: Indonesian as in Indonesia, English with day-month order. */
export function localeTag(language: Language): 'id-ID' | 'en-GB' {
  return language === 'id' ? 'id-ID' : 'en-GB';
}

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function cached<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let formatter = cache.get(key) as T | undefined;
  if (!formatter) cache.set(key, (formatter = make()));
  return formatter;
}

/** Rupiah without decimals: "Rp 1.500.000" (id) / "IDR 1,500,000" (en). */
export function formatIdr(amount: number, language: Language): string {
  const locale = localeTag(language);
  return cached(`idr:${locale}`, () =>
    new Intl.NumberFormat(locale, { style: 'currency', currency: 'IDR', maximumFractionDigits: 0 }),
  ).format(amount);
}

export function formatNumber(value: number, language: Language): string {
  const locale = localeTag(language);
  return cached(`num:${locale}`, () => new Intl.NumberFormat(locale)).format(value);
}

/** A timestamp with date and time in the user's time zone. Invalid input is shown as is. */
export function formatDateTime(iso: string, language: Language, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const locale = localeTag(language);
  return cached(`dt:${locale}:${timeZone ?? ''}`, () =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'short', timeZone }),
  ).format(date);
}

/** Only the time of a timestamp (e.g. when a lock-out lifts today). */
export function formatTime(iso: string, language: Language, timeZone?: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const locale = localeTag(language);
  return cached(`t:${locale}:${timeZone ?? ''}`, () =>
    new Intl.DateTimeFormat(locale, { timeStyle: 'short', timeZone }),
  ).format(date);
}

/**
 * A calendar date (YYYY-MM-DD). Read and printed in UTC so that no time zone moves it to
 * the day before.
 */
export function formatDate(dateOnly: string, language: Language): string {
  const date = new Date(`${dateOnly}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return dateOnly;
  const locale = localeTag(language);
  return cached(`d:${locale}`, () =>
    new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }),
  ).format(date);
}

/** Call length as m:ss or h:mm:ss. */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
