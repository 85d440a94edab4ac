import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { computeTenure, formatTenure } from '../../../src/renderer/features/customer/tenure.js';
import en from '../../../src/renderer/i18n/en.json';
import id from '../../../src/renderer/i18n/id.json';

async function translator(lng: 'en' | 'id') {
  const instance = i18next.createInstance();
  await instance.init({ lng, resources: { en: { translation: en }, id: { translation: id } } });
  return instance.t.bind(instance) as (key: string, options?: { count: number }) => string;
}

const on = (y: number, m: number, d: number) => new Date(y, m - 1, d, 12);

describe('computeTenure', () => {
  it('counts whole years and months', () => {
    expect(computeTenure('2022-09-15', on(2025, 11, 20))).toEqual({ years: 3, months: 2 });
  });

  it('does not count a month until its day has come', () => {
    expect(computeTenure('2022-09-15', on(2025, 11, 14))).toEqual({ years: 3, months: 1 });
    expect(computeTenure('2025-01-31', on(2025, 2, 28))).toEqual({ years: 0, months: 0 });
  });

  it('is exact on anniversaries', () => {
    expect(computeTenure('2020-02-29', on(2024, 2, 29))).toEqual({ years: 4, months: 0 });
  });

  it('answers null for a missing or malformed date and zero for a future one', () => {
    expect(computeTenure(null, on(2025, 1, 1))).toBeNull();
    expect(computeTenure('15/09/2022', on(2025, 1, 1))).toBeNull();
    expect(computeTenure('2022-13-01', on(2025, 1, 1))).toBeNull();
    expect(computeTenure('2030-01-01', on(2025, 1, 1))).toEqual({ years: 0, months: 0 });
  });
});

describe('formatTenure', () => {
  it('reads naturally in English', async () => {
    const t = await translator('en');
    expect(formatTenure({ years: 3, months: 2 }, t)).toBe('3 years 2 months');
    expect(formatTenure({ years: 1, months: 1 }, t)).toBe('1 year 1 month');
    expect(formatTenure({ years: 2, months: 0 }, t)).toBe('2 years');
    expect(formatTenure({ years: 0, months: 0 }, t)).toBe('less than a month');
  });

  it('reads naturally in Indonesian', async () => {
    const t = await translator('id');
    expect(formatTenure({ years: 3, months: 2 }, t)).toBe('3 tahun 2 bulan');
    expect(formatTenure({ years: 0, months: 5 }, t)).toBe('5 bulan');
    expect(formatTenure({ years: 0, months: 0 }, t)).toBe('kurang dari sebulan');
  });
});
