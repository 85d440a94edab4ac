import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../../../src/renderer/i18n/en.json';
import id from '../../../src/renderer/i18n/id.json';
import { formatSlaClock, slaClock, slaTone } from '../../../src/renderer/features/home/sla-clock.js';

const now = Date.parse('2026-12-01T10:00:00Z');
const inMinutes = (m: number) => new Date(now + m * 60_000).toISOString();
const i18n = i18next.createInstance();

beforeAll(async () => {
  await i18n.init({ resources: { en: { translation: en }, id: { translation: id } }, lng: 'en', interpolation: { escapeValue: false } });
});

const text = (dueAt: string, lng: 'en' | 'id' = 'en') => formatSlaClock(slaClock(dueAt, now), i18n.getFixedT(lng));

describe('SLA clock text', () => {
  it('says how long is left in the two largest units', () => {
    expect(text(inMinutes(45))).toBe('45 min left');
    expect(text(inMinutes(3 * 60))).toBe('3 h left');
    expect(text(inMinutes(2 * 60 + 5))).toBe('2 h 5 min left');
    expect(text(inMinutes(26 * 60 + 30))).toBe('1 d 2 h left');
    expect(text(inMinutes(48 * 60 + 30))).toBe('2 d left');
  });

  it('says by how much a breached deadline is late, from the first second', () => {
    expect(text(new Date(now - 1_000).toISOString())).toBe('Overdue by 1 min');
    expect(text(inMinutes(-95))).toBe('Overdue by 1 h 35 min');
    expect(slaClock(new Date(now - 1_000).toISOString(), now)).toEqual({ overdue: true, minutes: 1 });
    expect(slaClock(new Date(now).toISOString(), now)).toEqual({ overdue: false, minutes: 0 });
  });

  it('reads in Bahasa Indonesia', () => {
    expect(text(inMinutes(2 * 60 + 5), 'id')).toBe('Sisa 2 jam 5 mnt');
    expect(text(inMinutes(-26 * 60), 'id')).toBe('Terlambat 1 hr 2 jam');
  });

  it('says so when the deadline is not a time', () => {
    expect(slaClock('not a time', now)).toBeNull();
    expect(text('not a time')).toBe('No deadline');
  });

  it('turns orange under an hour left and red once late', () => {
    expect(slaTone(slaClock(inMinutes(120), now))).toBe('blue');
    expect(slaTone(slaClock(inMinutes(59), now))).toBe('orange');
    expect(slaTone(slaClock(inMinutes(-1), now))).toBe('red');
    expect(slaTone(null)).toBe('gray');
  });
});
