// The shell's tables (screens and shortcuts) name their labels by i18n key at run time, which
// the literal-key scan cannot see: check them here, in both languages.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCREENS, screenOfPath } from '../../../src/renderer/app/screens.js';
import { SHORTCUT_GROUPS, isHelpKey } from '../../../src/renderer/app/shortcuts.js';
import { can } from '../../../src/shared/permissions.js';
import { type Role } from '../../../src/shared/domain.js';

const I18N = path.resolve(import.meta.dirname, '../../../src/renderer/i18n');
const keys = [
  ...SCREENS.map((s) => s.label), ...SCREENS.map((s) => `nav.groups.${s.group}`),
  ...SHORTCUT_GROUPS.flatMap((g) => [g.title, ...g.rows.map((r) => r.does)]),
];

describe.each(['en', 'id'])('shell labels [%s]', (lang) => {
  const resources = JSON.parse(readFileSync(path.join(I18N, `${lang}.json`), 'utf8')) as Record<string, unknown>;
  it('has every screen, group and shortcut label', () => {
    const lookup = (k: string) => k.split('.').reduce<unknown>((n, p) => (n && typeof n === 'object' ? (n as Record<string, unknown>)[p] : undefined), resources);
    expect(keys.filter((k) => typeof lookup(k) !== 'string')).toEqual([]);
  });
});

describe('screens', () => {
  it('gives an agent the agent screens only, a lead also the lead screens, an admin all, sales staff the sales screens', () => {
    const visible = (role: Role) => SCREENS.filter((s) => can(role, s.action)).map((s) => s.id);
    expect(visible('agent')).toEqual(['home', 'customer', 'inbox', 'queue', 'evaluations', 'telesales']);
    expect(visible('lead')).toEqual(['home', 'customer', 'inbox', 'queue', 'evaluations', 'telesales', 'library', 'floor', 'interactions', 'quality', 'collections', 'orderRequests', 'caseBoard', 'reports']);
    expect(visible('admin')).toEqual(['home', 'customer', 'inbox', 'queue', 'evaluations', 'telesales', 'prospects', 'catalogue', 'pipeline', 'visits', 'budgets', 'salesStages', 'assignmentRules', 'library', 'floor', 'interactions', 'quality', 'collections', 'orderRequests', 'caseBoard', 'reports', 'users', 'import', 'audit', 'org', 'settings', 'fleet', 'releases', 'integrations']);
    expect(visible('sales_rep')).toEqual(['home', 'customer', 'inbox', 'queue', 'evaluations', 'telesales', 'prospects', 'pipeline', 'visits', 'budgets']);
    expect(visible('sales_manager')).toEqual(['home', 'customer', 'inbox', 'queue', 'evaluations', 'telesales', 'prospects', 'catalogue', 'pipeline', 'visits', 'budgets', 'salesStages', 'assignmentRules', 'reports']);
  });

  it('finds the screen of an address, the customer screen with or without an id', () => {
    expect(screenOfPath('/')?.id).toBe('home');
    expect(screenOfPath('/floor/')?.id).toBe('floor');
    expect(screenOfPath('/customer/0190c6d2-0000-7000-8000-000000000001')?.id).toBe('customer');
    expect(screenOfPath('/nowhere')).toBeUndefined();
  });
});

describe('the help key', () => {
  const key = (k: string, mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey', boolean>> = {}) =>
    ({ key: k, ctrlKey: false, metaKey: false, altKey: false, ...mods });
  it('is "?" outside text fields only', () => {
    expect(isHelpKey(key('?'), null)).toBe(true);
    expect(isHelpKey(key('?', { ctrlKey: true }), null)).toBe(false);
    expect(isHelpKey(key('/'), null)).toBe(false);
    expect(isHelpKey(key('?'), { tagName: 'INPUT' } as unknown as EventTarget)).toBe(false);
    expect(isHelpKey(key('?'), { tagName: 'TEXTAREA' } as unknown as EventTarget)).toBe(false);
    expect(isHelpKey(key('?'), { tagName: 'DIV', isContentEditable: true } as unknown as EventTarget)).toBe(false);
    expect(isHelpKey(key('?'), { tagName: 'BUTTON' } as unknown as EventTarget)).toBe(true);
  });
});
