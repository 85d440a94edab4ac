// Case notes, replies and notifications: what both sides share — which timeline events
// belong to a case, how a case's source is written on its opening event, the notification
// setting's shape, and the mutations' refusals of empty, huge and unknown fields.
import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import {
  CaseNotifications, DEFAULT_CASE_NOTIFICATIONS, belongsToCase, caseNoteSubject, caseSourceDisposition,
} from '../../../src/shared/cases.js';
import { CaseCreateArgs, CaseNoteArgs, CaseReplyArgs } from '../../../src/shared/mutations.js';
import { ServerSettingsUpdate } from '../../../src/shared/server-settings.js';
import { entryKind } from '../../../src/renderer/features/cases/CaseDetail.js';

const at = '2026-12-03T10:00:00.000Z';

describe('case events', () => {
  it('belong to a case by the number at the start of their subject, not a longer number', () => {
    expect(belongsToCase('K-1000001 · Internet mati · Internal note', 'K-1000001')).toBe(true);
    expect(belongsToCase('K-10000011 · Lain', 'K-1000001')).toBe(false);
    expect(belongsToCase('Tagihan K-1000001 · x', 'K-1000001')).toBe(false);
    expect(belongsToCase(null, 'K-1000001')).toBe(false);
    expect(belongsToCase('K-1000001 · x', '')).toBe(false);
  });

  it('are told apart on the case: opened, note, move, reply, notified, not notified', () => {
    const base = { id: randomUUID(), customerId: randomUUID(), direction: 'outbound' as const, startedAt: at, endedAt: null, agentId: null,
      agentName: null, body: null, durationSec: null, recordingId: null, version: 1 };
    const kind = (channel: 'case' | 'sms', subject: string, disposition: string | null = null) =>
      entryKind({ ...base, channel, subject, disposition }, 'K-1', 'Mati');
    expect(kind('case', 'K-1 · Mati')).toBe('opened');
    expect(kind('case', caseNoteSubject('K-1', 'Mati'), 'internal')).toBe('note');
    expect(kind('case', 'K-1 · Mati · open → resolved')).toBe('move');
    expect(kind('case', 'K-1 · Mati · Customer not notified', 'not_notified')).toBe('notNotified');
    expect(kind('sms', 'K-1 · Kasus sedang ditangani', 'sent')).toBe('reply');
    expect(kind('sms', 'K-1 · Mati · Customer notified: resolved', 'sent')).toBe('notified');
  });

  it('a case not from a call names its source on its opening event', () => {
    expect(caseSourceDisposition('phone')).toBeNull();
    expect(caseSourceDisposition('letter')).toBe('source:letter');
    const args = { id: randomUUID(), eventId: randomUUID(), customerId: randomUUID(), category: 'complaint', subject: 'x', priority: 'high', createdAt: at };
    expect(CaseCreateArgs.parse(args).source).toBe('phone');
    expect(CaseCreateArgs.safeParse({ ...args, source: 'fax' }).success).toBe(false);
  });
});

describe('case.note and case.reply args', () => {
  it('refuse an empty or huge note and unknown fields', () => {
    const note = { caseId: randomUUID(), eventId: randomUUID(), body: 'ok', at };
    expect(CaseNoteArgs.parse({ ...note, body: '  ok  ' }).body).toBe('ok');
    expect(CaseNoteArgs.safeParse({ ...note, body: ' \n ' }).error?.issues[0]?.message).toBe('note is required');
    expect(CaseNoteArgs.safeParse({ ...note, body: 'x'.repeat(10_001) }).error?.issues[0]?.message).toContain('10000');
    expect(CaseNoteArgs.safeParse({ ...note, internal: false }).success).toBe(false);
  });

  it('a reply is e-mail or SMS, with a recipient and a bounded text', () => {
    const reply = { caseId: randomUUID(), messageId: randomUUID(), eventId: randomUUID(), channel: 'sms', to: '+6281234567890', template: 'Halo', previewText: 'Halo', at };
    expect(CaseReplyArgs.parse(reply)).toMatchObject({ subject: '', blanks: {}, paragraphIds: [] });
    expect(CaseReplyArgs.safeParse({ ...reply, channel: 'chat' }).success).toBe(false);
    expect(CaseReplyArgs.safeParse({ ...reply, to: ' ' }).success).toBe(false);
    expect(CaseReplyArgs.safeParse({ ...reply, template: '' }).success).toBe(false);
    expect(CaseReplyArgs.safeParse({ ...reply, template: 'x'.repeat(50_001) }).success).toBe(false);
    expect(CaseReplyArgs.safeParse({ ...reply, paragraphIds: Array.from({ length: 51 }, () => randomUUID()) }).success).toBe(false);
  });
});

describe('the caseNotifications setting', () => {
  it('defaults to resolved and waiting for the customer by SMS, in progress off', () => {
    expect(CaseNotifications.parse(DEFAULT_CASE_NOTIFICATIONS)).toEqual(DEFAULT_CASE_NOTIFICATIONS);
    expect(DEFAULT_CASE_NOTIFICATIONS.resolved).toEqual({ enabled: true, shortcut: 'case-status-resolved', channel: 'sms' });
    expect(DEFAULT_CASE_NOTIFICATIONS.in_progress.enabled).toBe(false);
  });

  it('refuses a bad shortcut, an unknown channel or status, and a missing status; null goes back to the default', () => {
    const ok = DEFAULT_CASE_NOTIFICATIONS;
    expect(ServerSettingsUpdate.safeParse({ caseNotifications: { ...ok, resolved: { ...ok.resolved, shortcut: '<script>' } } }).success).toBe(false);
    expect(ServerSettingsUpdate.safeParse({ caseNotifications: { ...ok, resolved: { ...ok.resolved, channel: 'fax' } } }).success).toBe(false);
    expect(ServerSettingsUpdate.safeParse({ caseNotifications: { ...ok, closed: ok.resolved } }).success).toBe(false);
    expect(ServerSettingsUpdate.safeParse({ caseNotifications: { resolved: ok.resolved } }).success).toBe(false);
    expect(ServerSettingsUpdate.parse({ caseNotifications: null })).toEqual({ caseNotifications: null });
  });
});
