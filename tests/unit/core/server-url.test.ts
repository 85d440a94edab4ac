// Plain http:// only to this machine: the rule that keeps the session token and customer
// data off the network in clear, checked on its own and where core takes its server list.
import { describe, expect, it } from 'vitest';
import { SapaError } from '../../../src/shared/errors.js';
import { createLogger } from '../../../src/main/core/logger.js';
import { createServerClient } from '../../../src/main/core/remote/server-client.js';
import { checkServerUrl, isLoopbackHost } from '../../../src/main/core/remote/server-url.js';

function refusal(url: string): SapaError {
  try {
    checkServerUrl(url);
  } catch (error) {
    if (error instanceof SapaError) return error;
    throw error;
  }
  throw new Error(`${url} was accepted`);
}

describe('server URLs', () => {
  it('accepts plain http:// to loopback addresses (the tests and the demo use them)', () => {
    expect(checkServerUrl('http://127.0.0.1:4010')).toBe('http://127.0.0.1:4010');
    expect(checkServerUrl('http://127.8.9.10:4010/')).toBe('http://127.8.9.10:4010');
    expect(checkServerUrl('http://localhost:4010')).toBe('http://localhost:4010');
    expect(checkServerUrl('http://LOCALHOST:4010')).toBe('http://localhost:4010');
    expect(checkServerUrl('http://[::1]:4010')).toBe('http://[::1]:4010');
  });

  it('refuses plain http:// to any other host, with a message that says to use https', () => {
    for (const url of [
      'http://10.0.0.5:4010', 'http://192.168.1.20', 'http://sapa.example.co.id',
      'http://[::ffff:10.0.0.5]', 'http://[fe80::1]', 'http://localhost.evil.example',
      'http://127.0.0.1.nip.io', 'http://0.0.0.0:4010',
    ]) {
      const error = refusal(url);
      expect(error.code, url).toBe('INVALID_INPUT');
      expect(error.message, url).toMatch(/use https:\/\//);
    }
  });

  it('accepts https:// to any host, keeping a path prefix', () => {
    expect(checkServerUrl('https://sapa.example.co.id')).toBe('https://sapa.example.co.id');
    expect(checkServerUrl('https://10.0.0.5:8443/sapa/')).toBe('https://10.0.0.5:8443/sapa');
    expect(checkServerUrl('https://[2001:db8::5]')).toBe('https://[2001:db8::5]');
  });

  it('refuses garbage, other schemes, credentials and queries', () => {
    expect(refusal('not a url').message).toMatch(/Not a server URL/);
    expect(refusal('').message).toMatch(/Not a server URL/);
    expect(refusal('ftp://sapa.example.co.id').message).toMatch(/must start with https/);
    expect(refusal('ws://127.0.0.1:4010').message).toMatch(/must start with https/);
    expect(refusal('file:///etc/passwd').message).toMatch(/must start with https/);
    const withPassword = refusal('https://agent:secret@sapa.example.co.id');
    expect(withPassword.message).toMatch(/user name or password/);
    expect(withPassword.message).not.toContain('secret');
    expect(refusal('https://sapa.example.co.id/?a=1').message).toMatch(/query/);
  });

  it('knows loopback hosts as the URL parser spells them', () => {
    expect(isLoopbackHost(new URL('http://127.1/').hostname)).toBe(true);
    expect(isLoopbackHost(new URL('http://0x7f.0.0.1/').hostname)).toBe(true);
    expect(isLoopbackHost(new URL('http://[0:0:0:0:0:0:0:1]/').hostname)).toBe(true);
    expect(isLoopbackHost(new URL('http://128.0.0.1/').hostname)).toBe(false);
  });

  it('is enforced where core takes its server list: one bad URL refuses the whole list', () => {
    const logger = createLogger('test', 'error');
    expect(createServerClient(['http://127.0.0.1:4010', 'https://backup.example.co.id'], logger).urls)
      .toEqual(['http://127.0.0.1:4010', 'https://backup.example.co.id']);
    expect(() => createServerClient(['http://127.0.0.1:4010', 'http://10.0.0.5:4010'], logger))
      .toThrow(/Refusing plain http:\/\/ to 10\.0\.0\.5/);
  });
});
