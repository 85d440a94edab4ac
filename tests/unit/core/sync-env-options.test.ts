// Desktops replicate by working set by default; 0 / "all" turns it off; bad values are refused.
import { describe, expect, it } from 'vitest';
import { DEFAULT_WORKING_SET_LIMIT, syncOptionsFromEnv } from '../../../src/main/core/sync/env-options.js';

describe('syncOptionsFromEnv working set', () => {
  it('defaults to the working set with the default bound', () => {
    expect(syncOptionsFromEnv({}).workingSetLimit).toBe(DEFAULT_WORKING_SET_LIMIT);
  });
  it('takes a positive limit', () => {
    expect(syncOptionsFromEnv({ SAPA_WORKING_SET_LIMIT: '1200' }).workingSetLimit).toBe(1200);
  });
  it('replicates every customer with 0 or all', () => {
    expect(syncOptionsFromEnv({ SAPA_WORKING_SET_LIMIT: '0' }).workingSetLimit).toBeUndefined();
    expect(syncOptionsFromEnv({ SAPA_WORKING_SET_LIMIT: 'ALL' }).workingSetLimit).toBeUndefined();
  });
  it('refuses anything else with a clear message', () => {
    expect(() => syncOptionsFromEnv({ SAPA_WORKING_SET_LIMIT: '-5' })).toThrow(/SAPA_WORKING_SET_LIMIT/);
    expect(() => syncOptionsFromEnv({ SAPA_WORKING_SET_LIMIT: '1.5' })).toThrow(/positive whole number/);
  });
});
