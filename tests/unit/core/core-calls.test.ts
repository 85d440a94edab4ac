// Core's front door without a server: method and input validation, access rules, and the
// methods that work before sign-in. The server URL points at a closed port.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore, type Core } from '../../../src/main/core/index.js';
import { answerWireFrame } from '../../../src/main/host/wire.js';
import { desktopKeyFor } from '../../support/desktop-key.js';

let dir: string;
let core: Core;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sapa-core-'));
  core = createCore({
    dataDir: dir, desktopKey: desktopKeyFor(dir), serverUrls: ['http://127.0.0.1:9'], appVersion: '1.2.3', host: 'browser', systemLocale: 'id-ID',
  });
});
afterEach(async () => {
  await core.close();
  await rm(dir, { recursive: true, force: true });
});

const failure = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; message: string; details?: unknown };
  }
  throw new Error('expected the call to fail');
};

describe('core calls', () => {
  it('answers app.info before sign-in', async () => {
    await expect(core.call('app.info', {})).resolves.toEqual({
      version: '1.2.3', host: 'browser', serverUrls: ['http://127.0.0.1:9'], systemLocale: 'id-ID',
    });
  });

  it('rejects an unknown method with INVALID_INPUT', async () => {
    const error = await failure(core.callByName('customers.drop', {}));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('customers.drop');
  });

  it('rejects bad input with readable details', async () => {
    const error = await failure(core.callByName('customers.get360', { customerId: 'nope' }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(JSON.stringify(error.details)).toContain('customerId');
    const extra = await failure(core.callByName('app.info', { sneaky: true }));
    expect(extra.code).toBe('INVALID_INPUT');
  });

  it('requires a session for customer data', async () => {
    const error = await failure(core.call('customers.search', { query: 'budi' }));
    expect(error.code).toBe('UNAUTHENTICATED');
  });

  it('reports OFFLINE when no server answers a login', async () => {
    const error = await failure(core.call('auth.login', { username: 'agent1', password: 'x' }));
    expect(error.code).toBe('OFFLINE');
    await expect(core.call('auth.session', {})).resolves.toEqual({ user: null });
  });

  it('keeps the language setting across restarts', async () => {
    await expect(core.call('settings.get', {})).resolves.toEqual({ language: null });
    await core.call('settings.set', { language: 'en' });
    await core.close();
    core = createCore({ dataDir: dir, desktopKey: desktopKeyFor(dir), serverUrls: ['http://127.0.0.1:9'], appVersion: '1', host: 'browser', systemLocale: 'en' });
    await expect(core.call('settings.get', {})).resolves.toEqual({ language: 'en' });
  });

  it('answers wire frames with result or error messages, never throwing', async () => {
    await expect(answerWireFrame(core, '{"id":7,"method":"app.info","input":{}}')).resolves
      .toMatchObject({ kind: 'result', id: 7, output: { version: '1.2.3' } });
    await expect(answerWireFrame(core, 'not json')).resolves
      .toMatchObject({ kind: 'error', id: -1, error: { code: 'INVALID_INPUT' } });
    await expect(answerWireFrame(core, '{"id":8,"method":"nope","input":{}}')).resolves
      .toMatchObject({ kind: 'error', id: 8, error: { code: 'INVALID_INPUT' } });
    await expect(answerWireFrame(core, '{"id":"x","method":"app.info"}')).resolves
      .toMatchObject({ kind: 'error', id: -1, error: { code: 'INVALID_INPUT' } });
    await expect(answerWireFrame(core, '{"id":9,"method":"customers.lookupByPhone","input":{"phone":""}}')).resolves
      .toMatchObject({ kind: 'error', id: 9, error: { code: 'INVALID_INPUT' } });
  });
});
