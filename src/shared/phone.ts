// Indonesian phone numbers in every form (+62 812…, 62812…, 0812-…, (021) 555…) are the
// same number. libphonenumber-js does the parsing; this module adds the rules for how
// agents type numbers and the partial keys used for search-as-you-type.
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

export const DEFAULT_REGION = 'ID' as const;

/**
 * Normalises any written form of a phone number to E.164 (+6281234567890), or null when
 * the input is not a valid number. Numbers without a country code are read as Indonesian.
 */
export function toE164(input: string, region: typeof DEFAULT_REGION = DEFAULT_REGION): string | null {
  if (typeof input !== 'string' || input.length > 64) return null;
  let text = input.trim();
  if (!/\d/.test(text)) return null;
  // "6281234567890" (country code without +) is common in exports and from SIP trunks.
  const digits = text.replace(/[^\d+]/g, '');
  if (/^62\d{8,13}$/.test(digits)) text = `+${digits}`;
  if (/^00\d/.test(digits)) text = `+${digits.slice(2)}`;
  const parsed = parsePhoneNumberFromString(text, region);
  if (!parsed || !parsed.isValid()) return null;
  return parsed.number;
}

/**
 * Digits an agent has typed so far, reduced to the national significant number so that a
 * prefix of any form matches: "0812 34" → "81234", "+62 812" → "812", "6281" → "81".
 * Returns null when the text does not look like a phone number being typed.
 */
export function phonePrefixKey(input: string): string | null {
  const trimmed = input.trim();
  if (!/^[+\d(][\d\s().+-]*$/.test(trimmed)) return null;
  const digits = trimmed.replace(/\D/g, '');
  if (digits.length < 3) return null;
  if (digits.startsWith('62')) return digits.slice(2) || null;
  if (digits.startsWith('0')) return digits.slice(1) || null;
  return digits;
}

/** National significant number of an E.164 Indonesian number (+6281234567890 → 81234567890). */
export function nationalKey(e164: string): string {
  return e164.startsWith('+62') ? e164.slice(3) : e164.replace(/^\+/, '');
}

/** Human form for display: +62 812-3456-7890. */
export function formatPhone(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  return parsed ? parsed.formatInternational() : e164;
}
