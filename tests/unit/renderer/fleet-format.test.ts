// The fleet view's words for time and size: the online/recent/stale band matches the
// server's filter thresholds, "last seen" reads naturally in both languages, sizes in KB/MB/GB.
import { describe, expect, it } from 'vitest';
import { formatBytes, lastSeenBand, relativeSince } from '../../../src/renderer/features/admin-fleet/fleet-format.js';

const now = Date.parse('2026-12-02T02:00:00.000Z');
const ago = (seconds: number) => new Date(now - seconds * 1000).toISOString();

describe('fleet format', () => {
  it('bands last seen as the server filters it: online under 2 min, stale from a day', () => {
    expect([0, 119, 120, 86_399, 86_400, 10 * 86_400].map((s) => lastSeenBand(ago(s), now)))
      .toEqual(['online', 'online', 'recent', 'recent', 'stale', 'stale']);
  });

  it('says how long ago, in English and Bahasa Indonesia', () => {
    expect(relativeSince(ago(5), now, 'en')).toBe('now');
    expect(relativeSince(ago(5 * 60), now, 'en')).toBe('5 minutes ago');
    expect(relativeSince(ago(3 * 3600), now, 'en')).toBe('3 hours ago');
    expect(relativeSince(ago(86_400), now, 'en')).toBe('yesterday');
    expect(relativeSince(ago(5 * 60), now, 'id')).toBe('5 menit yang lalu');
    expect(relativeSince(ago(3 * 86_400), now, 'id')).toBe('3 hari yang lalu');
    // A desktop clock ahead of the server's never reads "in 2 minutes".
    expect(relativeSince(new Date(now + 120_000).toISOString(), now, 'en')).toBe('now');
  });

  it('formats cache sizes', () => {
    expect(formatBytes(1000, 'en')).toBe('1 KB');
    expect(formatBytes(123_456_789, 'en')).toBe('118 MB');
    expect(formatBytes(3.5 * 1024 ** 3, 'id')).toBe('3,5 GB');
  });
});
