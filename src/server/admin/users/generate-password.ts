// A password for a new or reset user, shown once to the admin: 20 characters from 56
// letters and digits without look-alikes (0/O, 1/l/I), about 116 bits, read aloud or typed
// from a screen without mistakes. Drawn with rejection sampling (no modulo bias); the
// policy (shared/password-policy.ts) is asked all the same.
import { randomInt } from 'node:crypto';
import { passwordProblems } from '../../../shared/password-policy.js';

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
export const GENERATED_LENGTH = 20;

export function generatePassword(username: string): string {
  for (;;) {
    let password = '';
    for (let i = 0; i < GENERATED_LENGTH; i++) password += ALPHABET[randomInt(ALPHABET.length)];
    if (passwordProblems(password, username).length === 0) return password;
  }
}
