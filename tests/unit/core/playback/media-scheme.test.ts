// Electron's playback scheme as plain data: what is registered and how a URL is read.
import { describe, expect, it } from 'vitest';
import { MEDIA_BASE_URL, mediaTokenOf, privilegedSchemes } from '../../../../src/main/electron/media-scheme.js';
import { contentSecurityPolicy } from '../../../../src/main/host/csp.js';

describe('Electron playback scheme', () => {
  it('registers the app and the stream-capable media scheme in one list', () => {
    expect(privilegedSchemes()).toEqual([
      { scheme: 'sapa', privileges: { standard: true, secure: true, supportFetchAPI: true } },
      { scheme: 'sapa-media', privileges: { standard: true, secure: true, stream: true } },
    ]);
  });

  it('reads the token of its own URLs only', () => {
    expect(mediaTokenOf(`${MEDIA_BASE_URL}abc_DEF-123`)).toBe('abc_DEF-123');
    expect(mediaTokenOf('sapa-media://recording/abc?x=1')).toBe('abc');
    expect(mediaTokenOf('sapa-media://other/abc')).toBe('');
    expect(mediaTokenOf('sapa-media://recording/a/b')).toBe('');
    expect(mediaTokenOf('sapa://recording/abc')).toBe('');
    expect(mediaTokenOf('not a url')).toBe('');
  });

  it('lets the renderer play from it and nothing else new', () => {
    const policy = contentSecurityPolicy({ mediaSrc: ['sapa-media:'] });
    expect(policy).toContain("media-src 'self' blob: sapa-media:");
    expect(contentSecurityPolicy()).toContain("media-src 'self' blob:;");
  });
});
