import { describe, expect, it } from 'vitest';
import { PASSWORD_MIN_LENGTH, passwordProblems } from '../../../src/shared/password-policy.js';

describe('the password policy', () => {
  it('accepts a long passphrase', () => {
    expect(passwordProblems('kopi-tubruk-di-teras-jam-7', 'kepala')).toEqual([]);
  });

  it('wants at least 12 characters, counted as a person counts them', () => {
    expect(PASSWORD_MIN_LENGTH).toBe(12);
    expect(passwordProblems('pendek-sekali', 'x')).toEqual([]);
    expect(passwordProblems('pendek', 'x')).toEqual(['too_short']);
    // Eleven emoji are eleven characters, not 22 UTF-16 units.
    expect(passwordProblems('🐟'.repeat(11) + 'a', 'x')).toEqual([]);
    expect(passwordProblems('🐟'.repeat(11), 'x')).toContain('too_short');
  });

  it('refuses a password that contains the username, whatever the case', () => {
    expect(passwordProblems('Agent1-is-my-password', 'agent1')).toContain('contains_username');
    expect(passwordProblems('xx-agent1-xx-yy', 'AGENT1')).toContain('contains_username');
  });

  it('refuses the passwords guessing lists start with, dressed up or not', () => {
    for (const pw of ['password1234', 'Password1234!', '123456789012', '098765432109', 'qwertyuiop12', 'aaaaaaaaaaaa', '2024rahasia!!', 'Bismillah123']) {
      expect(passwordProblems(pw, 'someone'), pw).toContain('common');
    }
  });

  it('bounds the length', () => {
    expect(passwordProblems('x1'.repeat(200), 'someone')).toContain('too_long');
  });
});
