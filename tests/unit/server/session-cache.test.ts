// The session cache's own rules: it serves only while enabled (revocations heard), never
// past the TTL or the session's expiry, forgets a user's sessions on a revocation, refuses an
// answer read before a revocation arrived, and stays within its size.
import { describe, expect, it } from 'vitest';
import { createSessionCache } from '../../../src/server/auth/session-cache.js';
import { type SessionUser } from '../../../src/shared/http.js';

const alice: SessionUser = { id: '0190f5a0-0000-7000-8000-000000000001', username: 'alice', displayName: 'Alice', role: 'agent' };
const bob: SessionUser = { id: '0190f5a0-0000-7000-8000-000000000002', username: 'bob', displayName: 'Bob', role: 'lead' };

function clockedCache(maxEntries = 100) {
  let t = 1_000_000;
  const cache = createSessionCache({ ttlMs: 30_000, maxEntries, now: () => t });
  return { cache, advance: (ms: number) => { t += ms; }, now: () => t };
}

describe('session cache', () => {
  it('serves nothing until enabled, and forgets everything when disabled', () => {
    const { cache, now } = clockedCache();
    cache.put('h1', { user: alice, expiresAtMs: now() + 3_600_000 }, cache.epoch());
    expect(cache.get('h1')).toBeNull();
    cache.setEnabled(true);
    cache.put('h1', { user: alice, expiresAtMs: now() + 3_600_000 }, cache.epoch());
    expect(cache.get('h1')).toEqual(alice);
    cache.setEnabled(false);
    expect(cache.get('h1')).toBeNull();
    cache.setEnabled(true);
    expect(cache.get('h1')).toBeNull();
  });

  it('answers a copy, so a route cannot change what the next request gets', () => {
    const { cache, now } = clockedCache();
    cache.setEnabled(true);
    cache.put('h1', { user: alice, expiresAtMs: now() + 3_600_000 }, cache.epoch());
    const got = cache.get('h1');
    if (got) got.role = 'admin';
    expect(cache.get('h1')?.role).toBe('agent');
  });

  it('asks again after the TTL, and never serves a session past its own expiry', () => {
    const { cache, advance, now } = clockedCache();
    cache.setEnabled(true);
    cache.put('long', { user: alice, expiresAtMs: now() + 3_600_000 }, cache.epoch());
    cache.put('short', { user: bob, expiresAtMs: now() + 5_000 }, cache.epoch());
    advance(4_999);
    expect(cache.get('short')).toEqual(bob);
    advance(1);
    expect(cache.get('short')).toBeNull();
    expect(cache.get('long')).toEqual(alice);
    advance(25_000);
    expect(cache.get('long')).toBeNull();
    expect(cache.size()).toBe(0);
  });

  it('drops every session of a revoked user and only theirs', () => {
    const { cache, now } = clockedCache();
    cache.setEnabled(true);
    const e = cache.epoch();
    cache.put('a1', { user: alice, expiresAtMs: now() + 60_000 }, e);
    cache.put('a2', { user: alice, expiresAtMs: now() + 60_000 }, e);
    cache.put('b1', { user: bob, expiresAtMs: now() + 60_000 }, e);
    cache.dropUser(alice.id);
    expect(cache.get('a1')).toBeNull();
    expect(cache.get('a2')).toBeNull();
    expect(cache.get('b1')).toEqual(bob);
  });

  it('does not keep an answer read before a revocation arrived', () => {
    const { cache, now } = clockedCache();
    cache.setEnabled(true);
    const readStarted = cache.epoch();
    cache.dropUser(alice.id); // the revocation is heard while the database read is in flight
    cache.put('a1', { user: alice, expiresAtMs: now() + 60_000 }, readStarted);
    expect(cache.get('a1')).toBeNull();
    const afterEnable = cache.epoch();
    cache.setEnabled(false);
    cache.setEnabled(true);
    cache.put('a1', { user: alice, expiresAtMs: now() + 60_000 }, afterEnable);
    expect(cache.get('a1')).toBeNull();
  });

  it('keeps at most maxEntries, dropping the oldest', () => {
    const { cache, now } = clockedCache(2);
    cache.setEnabled(true);
    const e = cache.epoch();
    cache.put('a1', { user: alice, expiresAtMs: now() + 60_000 }, e);
    cache.put('b1', { user: bob, expiresAtMs: now() + 60_000 }, e);
    cache.put('a2', { user: alice, expiresAtMs: now() + 60_000 }, e);
    expect(cache.size()).toBe(2);
    expect(cache.get('a1')).toBeNull();
    expect(cache.get('b1')).toEqual(bob);
    expect(cache.get('a2')).toEqual(alice);
  });

  it('with a TTL of 0 keeps nothing', () => {
    const cache = createSessionCache({ ttlMs: 0, maxEntries: 10 });
    cache.setEnabled(true);
    cache.put('a1', { user: alice, expiresAtMs: Date.now() + 60_000 }, cache.epoch());
    expect(cache.get('a1')).toBeNull();
  });
});

describe('session cache confirmations (session-sweep.ts)', () => {
  it('a confirmed entry answers for another TTL from the confirmation; one the database no longer holds the same goes', () => {
    const { cache, advance, now } = clockedCache();
    cache.setEnabled(true);
    const e = cache.epoch();
    const expiresAtMs = now() + 3_600_000;
    cache.put('a1', { user: alice, expiresAtMs }, e);
    cache.put('b1', { user: bob, expiresAtMs }, e);
    cache.put('b2', { user: bob, expiresAtMs }, e);
    advance(20_000);
    const readAt = now();
    const live = new Map([
      ['a1', { user: alice, expiresAtMs }],
      ['b1', { user: { ...bob, role: 'agent' as const }, expiresAtMs }], // re-roled behind the channel's back
    ]);
    cache.confirm(['a1', 'b1', 'b2'], live, readAt, cache.epoch());
    expect(cache.get('b1')).toBeNull();
    expect(cache.get('b2')).toBeNull(); // revoked: not in the answer
    advance(20_000); // 40 s after it was cached, 20 s after it was confirmed
    expect(cache.get('a1')).toEqual(alice);
    advance(10_000);
    expect(cache.get('a1')).toBeNull();
  });

  it('a confirmation read while a revocation arrived confirms nothing, but still removes', () => {
    const { cache, advance, now } = clockedCache();
    cache.setEnabled(true);
    const expiresAtMs = now() + 3_600_000;
    cache.put('a1', { user: alice, expiresAtMs }, cache.epoch());
    cache.put('b1', { user: bob, expiresAtMs }, cache.epoch());
    advance(25_000);
    const readEpoch = cache.epoch();
    cache.dropUser('0190f5a0-0000-7000-8000-00000000ffff'); // someone else's revocation while the sweep reads
    cache.confirm(['a1', 'b1'], new Map([['a1', { user: alice, expiresAtMs }]]), now(), readEpoch);
    expect(cache.get('b1')).toBeNull();
    advance(5_000);
    expect(cache.get('a1')).toBeNull(); // not confirmed: the TTL still runs from the put
  });

  it('offers only entries in use: idle and expired ones go', () => {
    let t = 0;
    const cache = createSessionCache({ ttlMs: 30_000, maxEntries: 10, idleMs: 60_000, now: () => t });
    cache.setEnabled(true);
    cache.put('a1', { user: alice, expiresAtMs: 1_000_000 }, cache.epoch());
    cache.put('b1', { user: bob, expiresAtMs: 1_000_000 }, cache.epoch());
    cache.put('b2', { user: bob, expiresAtMs: 10_000 }, cache.epoch());
    t = 20_000;
    cache.get('a1');
    t = 70_000;
    expect(cache.inUse().map((e) => e.tokenHash)).toEqual(['a1']);
    expect(cache.size()).toBe(1);
  });
});
