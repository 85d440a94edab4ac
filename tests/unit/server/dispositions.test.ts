// Which dispositions a saved call may carry: the server's list (SAPA_DISPOSITIONS), plus
// the built-in list a desktop offers when it could not fetch the server's.
import { describe, expect, it } from 'vitest';
import { dispositionsFromEnv, requireKnownDisposition } from '../../../src/server/calls/dispositions.js';
import { SapaError } from '../../../src/shared/errors.js';

const custom = { SAPA_DISPOSITIONS: 'resolved, promo_offered, Not Valid' };

describe('call dispositions', () => {
  it('reads the configured list, dropping malformed codes; the built-in list when none is set', () => {
    expect(dispositionsFromEnv(custom)).toEqual(['resolved', 'promo_offered']);
    expect(dispositionsFromEnv({})).toContain('info_given');
  });

  it('accepts a configured code and a built-in one the desktop offered offline', () => {
    expect(() => requireKnownDisposition('promo_offered', custom)).not.toThrow();
    expect(() => requireKnownDisposition('sale', custom)).not.toThrow();
  });

  it('refuses any other code, naming it and the configured list', () => {
    let error: unknown;
    try { requireKnownDisposition('made_up', custom); } catch (e) { error = e; }
    expect(error).toBeInstanceOf(SapaError);
    expect(error).toMatchObject({
      code: 'INVALID_INPUT', message: 'Unknown disposition "made_up"', details: ['disposition: one of resolved, promo_offered'],
    });
  });
});
