// The mutation map is whole on both sides: every mutation in src/shared/mutations.ts has a
// local effect in core (or is marked server-only) and a handler on the server, and
// neither side handles a name the map does not know. The types already demand this; the
// test guards against a cast or a spread that slips past them.
import { describe, expect, it } from 'vitest';
import { LOCAL_EFFECTS } from '../../../src/main/core/outbox/effects.js';
import { isServerOnly, type LocalEffect } from '../../../src/main/core/outbox/local-effects.js';
import { SERVER_MUTATIONS } from '../../../src/server/sync/mutations/index.js';
import { MUTATION_NAMES, type MutationName } from '../../../src/shared/mutations.js';

const sorted = (names: readonly string[]) => [...names].sort();

describe('the mutation map', () => {
  it('has a local effect or an explicit server-only marker for every mutation, and nothing else', () => {
    expect(sorted(Object.keys(LOCAL_EFFECTS))).toEqual(sorted(MUTATION_NAMES));
    for (const name of MUTATION_NAMES) {
      const entry = LOCAL_EFFECTS[name] as LocalEffect<MutationName> | { serverOnly: true };
      const hooks = isServerOnly(entry) ? [] : Object.values(entry);
      // An entry is either the marker or has at least one hook: an empty object says nothing.
      expect(isServerOnly(entry) || hooks.length > 0, `${name}: empty local effect`).toBe(true);
      for (const hook of hooks) expect(typeof hook, name).toBe('function');
    }
  });

  it('has a server handler for every mutation, and nothing else', () => {
    expect(sorted(Object.keys(SERVER_MUTATIONS))).toEqual(sorted(MUTATION_NAMES));
    for (const name of MUTATION_NAMES) expect(typeof SERVER_MUTATIONS[name].apply, name).toBe('function');
  });
});
