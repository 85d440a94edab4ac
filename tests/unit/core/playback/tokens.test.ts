// Playback links: opaque, one recording and one user each, lapsing when idle or old.
import { describe, expect, it } from 'vitest';
import {
  createPlaybackTokens, MAX_PLAYBACK_TOKENS, PLAYBACK_IDLE_MS, PLAYBACK_MAX_AGE_MS,
} from '../../../../src/main/core/recordings/playback/tokens.js';

const grant = { recordingId: '0194a3b0-0000-7000-8000-000000000001', userId: 'agent-1' };

describe('playback tokens', () => {
  it('mints unguessable tokens that name the recording and user', () => {
    const tokens = createPlaybackTokens();
    const a = tokens.mint(grant);
    const b = tokens.mint(grant);
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(tokens.use(a)).toEqual(grant);
    expect(tokens.use('x'.repeat(43))).toBeNull();
    expect(tokens.use('../etc/passwd')).toBeNull();
  });

  it('lapses after an idle spell, and each request renews it', () => {
    let now = 1_000_000;
    const tokens = createPlaybackTokens(() => now);
    const token = tokens.mint(grant);
    now += PLAYBACK_IDLE_MS - 1;
    expect(tokens.use(token)).toEqual(grant); // renewed here
    now += PLAYBACK_IDLE_MS - 1;
    expect(tokens.use(token)).toEqual(grant);
    now += PLAYBACK_IDLE_MS;
    expect(tokens.use(token)).toBeNull();
  });

  it('dies at its maximum age however busy', () => {
    let now = 0;
    const tokens = createPlaybackTokens(() => now);
    const token = tokens.mint(grant);
    while (now + 60_000 < PLAYBACK_MAX_AGE_MS) {
      now += 60_000;
      expect(tokens.use(token)).not.toBeNull();
    }
    now = PLAYBACK_MAX_AGE_MS;
    expect(tokens.use(token)).toBeNull();
  });

  it('keeps a bounded number, dropping the oldest, and forgets all at clear()', () => {
    const tokens = createPlaybackTokens();
    const first = tokens.mint(grant);
    for (let i = 0; i < MAX_PLAYBACK_TOKENS; i++) tokens.mint(grant);
    expect(tokens.size).toBe(MAX_PLAYBACK_TOKENS);
    expect(tokens.use(first)).toBeNull();
    const last = tokens.mint(grant);
    tokens.clear();
    expect(tokens.use(last)).toBeNull();
    expect(tokens.size).toBe(0);
  });
});
