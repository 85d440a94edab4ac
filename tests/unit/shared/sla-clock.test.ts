// The working-time clock of the SLA (src/shared/replies/sla.ts) with the settings the
// Organisation screen edits: another zone (WITA), a holiday an admin added, a closed day,
// and settings that cannot run a clock refused with a reason.
import { describe, expect, it } from 'vitest';
import { DEFAULT_SLA, type SlaSettings, addWorkingMinutes, slaProblems, workingMinutesBetween } from '../../../src/shared/replies/sla.js';

const at = (iso: string) => new Date(iso);
const makassar: SlaSettings = { ...DEFAULT_SLA, timeZone: 'Asia/Makassar', utcOffsetMinutes: 480 };

describe('SLA working-time clock', () => {
  it('follows the site zone: 08:00 WITA is 00:00 UTC', () => {
    // Wednesday 2026-11-25, 07:00 WITA (before opening): due two working hours after 08:00.
    expect(addWorkingMinutes(at('2026-11-24T23:00:00Z'), 120, makassar).toISOString()).toBe('2026-11-25T02:00:00.000Z');
    // The same instant in Jakarta is 06:00 WIB: due 10:00 WIB = 03:00 UTC.
    expect(addWorkingMinutes(at('2026-11-24T23:00:00Z'), 120, DEFAULT_SLA).toISOString()).toBe('2026-11-25T03:00:00.000Z');
  });

  it('skips a holiday an admin added and a weekday made closed', () => {
    const s: SlaSettings = { ...DEFAULT_SLA, holidays: [...DEFAULT_SLA.holidays, '2026-11-26'], hours: [...DEFAULT_SLA.hours] };
    s.hours[5] = null; // Friday closed
    // Wednesday 16:00 WIB + 2 h: one hour Wednesday, Thursday a holiday, Friday closed, Saturday 08–09.
    expect(addWorkingMinutes(at('2026-11-25T09:00:00Z'), 120, s).toISOString()).toBe('2026-11-28T02:00:00.000Z');
    expect(workingMinutesBetween(at('2026-11-25T09:00:00Z'), at('2026-11-28T02:00:00Z'), s)).toBe(120);
  });

  it('counts nothing outside working hours', () => {
    // Saturday 12:00 WIB to Monday 08:00 WIB.
    expect(workingMinutesBetween(at('2026-11-28T05:00:00Z'), at('2026-11-30T01:00:00Z'), DEFAULT_SLA)).toBe(0);
  });

  it('names what makes settings unusable', () => {
    expect(slaProblems(DEFAULT_SLA)).toEqual([]);
    expect(slaProblems({ ...DEFAULT_SLA, hours: [null, null, null, null, null, null, null] })).toEqual(['hours: at least one weekday must be open']);
    const backwards: SlaSettings = { ...DEFAULT_SLA, hours: [...DEFAULT_SLA.hours] };
    backwards.hours[1] = ['17:00', '08:00'];
    expect(slaProblems(backwards)).toEqual(['hours.1: closes before it opens']);
    expect(slaProblems({ ...DEFAULT_SLA, holidays: ['2026-12-25', '2026-12-25'] })).toEqual(['holidays: a date is listed twice']);
    expect(slaProblems({ ...DEFAULT_SLA, timeZone: 'Asia/Jayapura' })).toEqual(['utcOffsetMinutes: does not match timeZone']);
  });
});
