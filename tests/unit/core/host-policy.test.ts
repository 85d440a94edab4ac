import { resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../src/main/host/csp.js';
import { isAllowedOrigin } from '../../../src/main/host/origin-check.js';
import { contentTypeOf, resolveStaticPath } from '../../../src/main/host/static-files.js';

const root = resolve('/srv/renderer');

describe('browser host policy', () => {
  it('accepts a socket only from the page it served itself', () => {
    expect(isAllowedOrigin('http://127.0.0.1:5173', '127.0.0.1:5173', 5173)).toBe(true);
    expect(isAllowedOrigin('http://localhost:5173', 'localhost:5173', 5173)).toBe(true);
    expect(isAllowedOrigin('http://evil.example', '127.0.0.1:5173', 5173)).toBe(false);
    expect(isAllowedOrigin(undefined, '127.0.0.1:5173', 5173)).toBe(false);
    expect(isAllowedOrigin('http://127.0.0.1:9999', '127.0.0.1:5173', 5173)).toBe(false);
    // DNS rebinding: the page's origin matches its Host, but the Host is not loopback.
    expect(isAllowedOrigin('http://rebind.example:5173', 'rebind.example:5173', 5173)).toBe(false);
  });

  it('keeps static paths inside the renderer folder', () => {
    expect(resolveStaticPath(root, '/assets/app.js')).toBe(`${root}${sep}assets${sep}app.js`);
    expect(resolveStaticPath(root, '/../etc/passwd')).toBeNull();
    expect(resolveStaticPath(root, '/%2e%2e/%2e%2e/etc/passwd')).toBeNull();
    expect(resolveStaticPath(root, '/assets/..%2f..%2fsecret')).toBeNull();
    expect(resolveStaticPath(root, '/.env')).toBeNull();
    expect(resolveStaticPath(root, '/a%00b')).toBeNull();
    expect(resolveStaticPath(root, '/%E0%A4%A')).toBeNull();
  });

  it('names content types', () => {
    expect(contentTypeOf('x/index.html')).toMatch(/^text\/html/);
    expect(contentTypeOf('x/app.JS')).toMatch(/^text\/javascript/);
    expect(contentTypeOf('x/blob.bin')).toBe('application/octet-stream');
  });

  it('has a strict CSP: no inline or remote script, no framing, no plugins', () => {
    const csp = contentSecurityPolicy({ connectSrc: ['ws://127.0.0.1:1'] });
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("connect-src 'self' ws://127.0.0.1:1");
  });
});
