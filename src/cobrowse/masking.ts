// What never leaves the customer's browser: the value of a password field, of a card number,
// CVC, PIN or one-time code, and of anything the site marks with data-sapa-mask. rrweb asks
// `maskInput` for every input value it records (the snapshot and each change), and we answer
// a fixed-length mask for a sensitive field (the length of a password is not shown either).
// Text on the page inside [data-sapa-mask] is masked by rrweb's maskTextSelector; anything
// inside [data-sapa-block] (and the sharing UI itself) is not recorded at all.
export const MASK = '********';
export const MASK_TEXT_SELECTOR = '[data-sapa-mask]';
export const BLOCK_SELECTOR = '[data-sapa-block]';

const SENSITIVE_NAME = /pass|pwd|sandi|card|kartu|ccnum|cc-num|cvv|cvc|csc|\bpin\b|otp|secret/i;
const SENSITIVE_AUTOCOMPLETE = /(^|\s)(cc-[a-z-]+|current-password|new-password|one-time-code)(\s|$)/i;

/** The Luhn check every card number passes (a phone number or an order number mostly does not). */
export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** 13–19 digits (spaces and dashes allowed between them) that pass Luhn: a card number. */
export function looksLikeCardNumber(value: string): boolean {
  const digits = value.replace(/[\s-]/g, '');
  return /^\d{13,19}$/.test(digits) && passesLuhn(digits);
}

export function isSensitiveField(el: Element, value: string): boolean {
  if (el.closest(MASK_TEXT_SELECTOR)) return true;
  const type = (el.getAttribute('type') ?? '').toLowerCase();
  // rrweb marks a password field the page turned into text ("show password") with this.
  if (type === 'password' || el.hasAttribute('data-rr-is-password')) return true;
  if (SENSITIVE_AUTOCOMPLETE.test(el.getAttribute('autocomplete') ?? '')) return true;
  if (SENSITIVE_NAME.test(`${el.getAttribute('name') ?? ''} ${el.id}`)) return true;
  // A telephone field is never taken for a card, whatever its digits.
  if (type === 'tel' || /\btel\b/i.test(el.getAttribute('autocomplete') ?? '')) return false;
  return looksLikeCardNumber(value);
}

/** rrweb's maskInputFn: the value itself, or the mask for a sensitive field. */
export function maskInput(text: string, el: HTMLElement): string {
  return isSensitiveField(el, text) ? MASK : text;
}

/** Every input type rrweb knows, so that maskInput is asked about each of them. */
export const MASK_INPUT_OPTIONS = {
  color: true, date: true, 'datetime-local': true, email: true, month: true, number: true, range: true, search: true,
  tel: true, text: true, time: true, url: true, week: true, textarea: true, select: true, password: true,
} as const;
