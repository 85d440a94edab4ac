// Template parsing and rendering, the SMS counter, e-mail HTML escaping, variables and the
// SLA clock: pure functions shared by server and renderer.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeHtml, textToEmailHtml } from '../../../src/shared/replies/email-html.js';
import { DEFAULT_SLA, addWorkingMinutes, workingMinutesBetween } from '../../../src/shared/replies/sla.js';
import { countSms } from '../../../src/shared/replies/sms.js';
import { blankNames, parseTemplate, renderTemplate } from '../../../src/shared/replies/template.js';
import { buildVariables, formatToday } from '../../../src/shared/replies/variables.js';

const values = buildVariables({
  customer: { fullName: 'Budi Santoso', salutation: 'Bapak', tier: 'platinum', customerNo: 'C00000001', language: 'id' },
  agent: { displayName: 'Sari Wulandari' }, case: null, order: null, now: new Date('2026-11-25T20:00:00Z'),
});

describe('renderTemplate', () => {
  it('fills variables and blanks', () => {
    const r = renderTemplate('Yth. {{customer.salutation}} {{ customer.name }}, Rp {{?jumlah}} ({{customer.tier}}) {{today}}', values, { jumlah: '350.000' });
    expect(r).toMatchObject({ text: 'Yth. Bapak Budi Santoso, Rp 350.000 (Platinum) 26 November 2026', ready: true });
  });
  it('keeps a missing blank or value visible and not ready', () => {
    const r = renderTemplate('Rp {{?jumlah}} kasus {{case.number}}', values, { jumlah: '  ' });
    expect(r.text).toBe('Rp {{?jumlah}} kasus {{case.number}}');
    expect(r).toMatchObject({ ready: false, missingBlanks: ['jumlah'], unresolved: ['case.number'] });
  });
  it.each([
    ['Halo {{customer.shoe_size}}', 'UNKNOWN_VARIABLE'],
    ['Halo {{customer.name', 'UNBALANCED'],
    ['Halo customer.name}}', 'UNBALANCED'],
    ['Halo {{ {{customer.name}} }}', 'NESTED'],
    ['Halo {{}}', 'EMPTY'],
    ['Halo {{?Jumlah Besar}}', 'BAD_BLANK'],
  ])('reports %s as %s and is never ready', (source, code) => {
    const r = renderTemplate(source, values);
    expect(r.problems.map((p) => p.code)).toContain(code);
    expect(r.ready).toBe(false);
  });
  it('treats single braces, HTML and script as plain text', () => {
    const source = 'a {b} <script>alert(1)</script> & "c"';
    expect(renderTemplate(source, values)).toMatchObject({ text: source, ready: true });
  });
  it('does not re-read a filled blank as template syntax', () => {
    expect(renderTemplate('{{?x}}', values, { x: '{{customer.name}}' }).text).toBe('{{customer.name}}');
  });
  it('renders a 100 kB body in linear time', () => {
    const big = 'Halo {{customer.name}} '.repeat(4_500); // 103 kB of template
    const started = performance.now();
    const r = renderTemplate(big, values);
    expect(big.length).toBeGreaterThan(100_000);
    expect(r).toMatchObject({ ready: true });
    expect(performance.now() - started).toBeLessThan(200);
  });
  it('never throws and reproduces text without braces exactly (property)', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), (s) => {
      const r = renderTemplate(s, values, {});
      if (!s.includes('{{') && !s.includes('}}')) expect(r.text).toBe(s);
    }));
  });
  it('lists blanks once, in order', () => {
    expect(blankNames('{{?b}} {{?a}} {{?b}}')).toEqual(['b', 'a']);
    expect(parseTemplate('{{?a}}').tokens).toEqual([{ kind: 'blank', name: 'a' }]);
  });
});

describe('variables', () => {
  it('uses the customer language for salutation, tier and date (Jakarta time)', () => {
    const en = buildVariables({
      customer: { fullName: 'Jane Doe', salutation: 'Ibu', tier: 'regular', customerNo: 'C2', language: 'en' },
      agent: null, case: { caseNo: 'K1', subject: 'x' }, order: { orderNo: 'O1', status: 'shipped' }, now: new Date('2026-01-31T18:00:00Z'),
    });
    expect(en).toMatchObject({ 'customer.salutation': 'Mrs', 'customer.tier': 'Regular', 'case.number': 'K1', 'order.status': 'shipped', today: '1 February 2026' });
    expect(formatToday(new Date('2026-03-01T00:00:00Z'), 'id')).toBe('1 Maret 2026');
  });
});

describe('countSms', () => {
  it('counts GSM-7, extension characters and UCS-2 segments', () => {
    expect(countSms('a'.repeat(160))).toMatchObject({ encoding: 'GSM-7', segments: 1, remaining: 0 });
    expect(countSms('a'.repeat(161))).toMatchObject({ segments: 2, units: 161 });
    expect(countSms('€'.repeat(80))).toMatchObject({ encoding: 'GSM-7', units: 160, segments: 1 });
    expect(countSms('Terima kasih 🙏')).toMatchObject({ encoding: 'UCS-2', segments: 1 });
    expect(countSms('é'.repeat(10) + 'ą'.repeat(61))).toMatchObject({ encoding: 'UCS-2', segments: 2 });
    expect(countSms('')).toMatchObject({ segments: 0 });
  });
});

describe('e-mail HTML', () => {
  it('escapes everything and keeps line breaks', () => {
    expect(escapeHtml('<b onclick="x">&\'')).toBe('&lt;b onclick=&quot;x&quot;&gt;&amp;&#39;');
    const html = textToEmailHtml('a\nb\n\n<script>alert(1)</script>');
    expect(html).toContain('<p>a<br>b</p><p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
    expect(html).not.toContain('<script>');
  });
});

describe('SLA clock (Jakarta, Mon–Fri 08–17, Sat 08–12)', () => {
  const at = (s: string) => new Date(s);
  it('counts only working time', () => {
    // Wednesday 09:00 WIB → 11:00 WIB
    expect(addWorkingMinutes(at('2026-11-25T02:00:00Z'), 120, DEFAULT_SLA).toISOString()).toBe('2026-11-25T04:00:00.000Z');
    // Wednesday 16:30 WIB → Thursday 09:30 WIB
    expect(addWorkingMinutes(at('2026-11-25T09:30:00Z'), 120, DEFAULT_SLA).toISOString()).toBe('2026-11-26T02:30:00.000Z');
    // Saturday 11:00 WIB → Monday 09:00 WIB (Saturday closes at 12, Sunday closed)
    expect(addWorkingMinutes(at('2026-11-28T04:00:00Z'), 120, DEFAULT_SLA).toISOString()).toBe('2026-11-30T02:00:00.000Z');
    // Sunday night → Monday 10:00
    expect(addWorkingMinutes(at('2026-11-29T15:00:00Z'), 120, DEFAULT_SLA).toISOString()).toBe('2026-11-30T03:00:00.000Z');
  });
  it('skips holidays', () => {
    // Thursday 24 Dec 16:00 WIB + 2 h: 1 h on the 24th, 25th is a holiday, 1 h on Saturday the 26th.
    expect(addWorkingMinutes(at('2026-12-24T09:00:00Z'), 120, DEFAULT_SLA).toISOString()).toBe('2026-12-26T02:00:00.000Z');
  });
  it('measures working minutes between two instants', () => {
    expect(workingMinutesBetween(at('2026-11-25T09:30:00Z'), at('2026-11-26T02:30:00Z'), DEFAULT_SLA)).toBe(120);
    expect(workingMinutesBetween(at('2026-11-29T00:00:00Z'), at('2026-11-29T10:00:00Z'), DEFAULT_SLA)).toBe(0);
  });
});
