// The password policy, applied wherever a password is set (the create-admin command and
// createUser; src/server/auth/set-password.ts). Length matters most (NIST SP 800-63B): no
// composition rules, but a password may not be or contain the username, nor be one of the
// few passwords every guessing list starts with. Shared so a screen could check as one types.

export const PASSWORD_MIN_LENGTH = 12;
/** argon2 takes any length; the bound only keeps a pasted megabyte off the hasher. */
export const PASSWORD_MAX_LENGTH = 256;

export type PasswordProblem = 'too_short' | 'too_long' | 'contains_username' | 'common';

/**
 * Passwords (lower case, without leading and trailing digits and signs) that guessing lists
 * try first, in English and Indonesian, plus the product's own name.
 */
const COMMON = new Set([
  'password', 'passw0rd', 'p@ssw0rd', 'qwerty', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', 'iloveyou', 'letmein',
  'welcome', 'admin', 'administrator', 'changeme', 'secret', 'monkey', 'dragon', 'football', 'sunshine',
  'princess', 'trustno', 'abc', 'abcdef', 'abcdefghijkl', 'indonesia', 'jakarta', 'surabaya', 'rahasia',
  'sayang', 'bismillah', 'katasandi', 'kata sandi', 'sandi', 'masuk', 'sapa', 'sapaadmin', 'callcenter',
  'agent', 'supervisor',
]);

function isRunOfDigits(text: string): boolean {
  if (!/^\d{2,}$/.test(text)) return false;
  // Up (step 1) or down (step 9 ≡ −1), wrapping round: 890123…, 109876…
  const step = (Number(text[1]) - Number(text[0]) + 10) % 10;
  if (step !== 1 && step !== 9) return false;
  for (let i = 1; i < text.length; i++) {
    if (Number(text[i]) !== (Number(text[i - 1]) + step) % 10) return false;
  }
  return true;
}

function isCommon(password: string): boolean {
  const lower = password.toLowerCase();
  const core = lower.replace(/^[^a-z]+/, '').replace(/[^a-z]+$/, '');
  if (COMMON.has(lower) || (core !== '' && COMMON.has(core))) return true;
  // One character over and over, or 1234567890… in a row.
  return /^(.)\1*$/.test(lower) || isRunOfDigits(lower);
}

/** What is wrong with `password` for `username`; empty when it may be used. */
export function passwordProblems(password: string, username: string): PasswordProblem[] {
  const problems: PasswordProblem[] = [];
  // Length in characters as a person counts them (an emoji is one).
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH) problems.push('too_short');
  if (length > PASSWORD_MAX_LENGTH) problems.push('too_long');
  const name = username.trim().toLowerCase();
  if (name.length >= 3 && password.toLowerCase().includes(name)) problems.push('contains_username');
  if (isCommon(password)) problems.push('common');
  return problems;
}
