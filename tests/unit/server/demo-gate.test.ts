// Which starts get the demo users (public passwords): docs/security.md "Demo users and the first admin".
import { describe, expect, it } from 'vitest';
import { demoFlagSet, serverDemoSeed } from '../../../src/server/seed/demo-gate.js';

describe('the demo gate', () => {
  it('seeds an embedded database only when SAPA_DEMO=1', () => {
    expect(serverDemoSeed({})).toBeUndefined();
    expect(serverDemoSeed({ SAPA_DEMO: 'yes' })).toBeUndefined();
    expect(serverDemoSeed({ SAPA_DEMO: '1' })).toEqual({ customers: 300 });
  });

  it('never seeds PostgreSQL, flag or not', () => {
    expect(serverDemoSeed({ DATABASE_URL: 'postgres://db/sapa' })).toBeUndefined();
    expect(serverDemoSeed({ DATABASE_URL: 'postgres://db/sapa', SAPA_DEMO: '1' })).toBeUndefined();
  });

  it('reads the flag only as exactly 1', () => {
    expect(demoFlagSet({ SAPA_DEMO: '1' })).toBe(true);
    expect(demoFlagSet({ SAPA_DEMO: 'true' })).toBe(false);
    expect(demoFlagSet({})).toBe(false);
  });
});
