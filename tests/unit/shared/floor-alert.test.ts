// The floor's alert rule: an agent longer in a state than its threshold (wrap-up: the queue's
// limit when it has one), and nothing for states without a threshold or without a start.
import { describe, expect, it } from 'vitest';
import { FLOOR_ALERT_SEC, floorAlert } from '../../../src/shared/floor.js';

const at = Date.parse('2026-12-02T03:00:00Z');
const since = (sec: number) => new Date(at - sec * 1000).toISOString();

describe('floorAlert', () => {
  it('alerts not ready past 15 minutes, with the seconds over', () => {
    expect(FLOOR_ALERT_SEC.not_ready).toBe(900);
    expect(floorAlert({ state: 'not_ready', since: since(900), wrapUpUntil: null }, at)).toBeNull();
    expect(floorAlert({ state: 'not_ready', since: since(961), wrapUpUntil: null }, at)).toBe(61);
  });
  it("uses the queue's wrap-up limit when there is one, else the default", () => {
    const limit30 = new Date(at - 40_000 + 30_000).toISOString();
    expect(floorAlert({ state: 'wrap_up', since: since(40), wrapUpUntil: limit30 }, at)).toBe(10);
    expect(floorAlert({ state: 'wrap_up', since: since(40), wrapUpUntil: null }, at)).toBeNull();
    expect(floorAlert({ state: 'wrap_up', since: since(130), wrapUpUntil: null }, at)).toBe(10);
  });
  it('never alerts ready or offline, nor an agent with no start', () => {
    expect(floorAlert({ state: 'ready', since: since(99_999), wrapUpUntil: null }, at)).toBeNull();
    expect(floorAlert({ state: 'offline', since: since(99_999), wrapUpUntil: null }, at)).toBeNull();
    expect(floorAlert({ state: 'not_ready', since: null, wrapUpUntil: null }, at)).toBeNull();
  });
});
