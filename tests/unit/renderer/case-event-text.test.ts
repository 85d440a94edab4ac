import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../../../src/renderer/i18n/en.json';
import id from '../../../src/renderer/i18n/id.json';
import { localCaseEventText } from '../../../src/renderer/features/cases/case-event-text.js';

const i18n = i18next.createInstance();
beforeAll(async () => {
  await i18n.init({ resources: { en: { translation: en }, id: { translation: id } }, lng: 'en', interpolation: { escapeValue: false } });
});
const text = (subject: string, lng: 'en' | 'id') => localCaseEventText(subject, i18n.getFixedT(lng));

describe("a case event's text in the reader's language", () => {
  it('names both statuses of a move', () => {
    expect(text('CS-0042 · Tidak ada sinyal · open → resolved', 'id')).toBe('CS-0042 · Tidak ada sinyal · Terbuka → Terselesaikan');
    expect(text('CS-0042 · No signal · in_progress → waiting_customer', 'en')).toBe('CS-0042 · No signal · In progress → Waiting for customer');
    expect(text('open → closed', 'id')).toBe('Terbuka → Ditutup');
  });

  it('says the customer was notified of which status', () => {
    expect(text('CS-0042 · No signal · Customer notified: resolved', 'id')).toBe('CS-0042 · No signal · Pelanggan diberi kabar: Terselesaikan');
  });

  it('leaves other subjects, and an arrow typed in a case subject, as written', () => {
    expect(text('CS-0042 · Modem → router', 'id')).toBe('CS-0042 · Modem → router');
    expect(text('CS-0042 · SLA breached · Escalated to Rina', 'id')).toBe('CS-0042 · SLA breached · Escalated to Rina');
  });
});
