// The sign-in screen's refusal texts in both languages, for the limits of docs/security.md
// "Sign-in": a lock-out and a rate limit both say when to try again.
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { loginErrorMessage } from '../../../src/renderer/features/auth/login-error.js';
import en from '../../../src/renderer/i18n/en.json';
import id from '../../../src/renderer/i18n/id.json';

async function translator(lng: 'en' | 'id') {
  const instance = i18next.createInstance();
  await instance.init({ lng, resources: { en: { translation: en }, id: { translation: id } } });
  return instance.t.bind(instance) as (key: string, options?: Record<string, string>) => string;
}

const now = new Date(2026, 2, 4, 9, 0);
const inTwoMinutes = new Date(2026, 2, 4, 9, 2).toISOString();

describe('sign-in refusals', () => {
  it('says too many sign-in attempts and when to try again, in English and Indonesian', async () => {
    const failure = { code: 'RATE_LIMITED' as const, until: inTwoMinutes };
    expect(loginErrorMessage(failure, await translator('en'), 'en', now)).toBe('Too many sign-in attempts. You can try again at 09:02.');
    expect(loginErrorMessage(failure, await translator('id'), 'id', now))
      .toBe('Terlalu banyak percobaan masuk. Anda bisa mencoba lagi pukul 09.02.');
  });

  it('asks to wait when the server named no time', async () => {
    const failure = { code: 'RATE_LIMITED' as const, until: null };
    expect(loginErrorMessage(failure, await translator('en'), 'en', now)).toMatch(/wait a minute/);
    expect(loginErrorMessage(failure, await translator('id'), 'id', now)).toMatch(/Tunggu sebentar/);
  });

  it('keeps the lock-out text apart from the rate limit', async () => {
    const t = await translator('en');
    expect(loginErrorMessage({ code: 'LOCKED_OUT', until: inTwoMinutes }, t, 'en', now)).toMatch(/^Too many failed attempts/);
  });
});
