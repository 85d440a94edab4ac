// The IT policy file (src/main/core/server-config/policy.ts) and which server list wins
// (resolve.ts): every way a dropped file can be wrong ends as one clear reason, never a throw.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parsePolicy, policyFilePath, POLICY_MAX_BYTES, readPolicy } from '../../../src/main/core/server-config/policy.js';
import { resolveServerChoice } from '../../../src/main/core/server-config/resolve.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sapa-policy-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('reading the policy file', () => {
  it('is where installers and MDM put it on each platform', () => {
    expect(policyFilePath('win32', { ProgramData: 'D:\\ProgramData' })).toBe('D:\\ProgramData\\Sapa\\policy.json');
    expect(policyFilePath('win32', {})).toBe('C:\\ProgramData\\Sapa\\policy.json');
    expect(policyFilePath('darwin')).toBe('/Library/Application Support/Sapa/policy.json');
    expect(policyFilePath('linux')).toBe('/etc/sapa/policy.json');
  });

  it('takes a good file: servers normalised, locked by default, the update mirror kept', async () => {
    const file = join(dir, 'policy.json');
    await writeFile(file, '\uFEFF' + JSON.stringify({
      serverUrls: ['https://sapa.bank.co.id/', 'https://sapa-dr.bank.co.id'], updateMirror: 'https://files.cabang-medan.bank.co.id/sapa',
    }));
    expect(readPolicy(file)).toEqual({
      kind: 'ok', unknownKeys: [],
      policy: {
        serverUrls: ['https://sapa.bank.co.id', 'https://sapa-dr.bank.co.id'], updateMirror: 'https://files.cabang-medan.bank.co.id/sapa', locked: true,
      },
    });
  });

  it('has no policy when there is no file (or no folder)', () => {
    expect(readPolicy(join(dir, 'policy.json'))).toEqual({ kind: 'absent' });
    expect(readPolicy(join(dir, 'missing', 'policy.json'))).toEqual({ kind: 'absent' });
  });

  it('refuses malformed JSON, naming the file', async () => {
    const file = join(dir, 'policy.json');
    await writeFile(file, '{ "serverUrls": ["https://sapa.bank.co.id"], }');
    const read = readPolicy(file);
    expect(read).toMatchObject({ kind: 'error', reason: 'malformed_json' });
    expect(read.kind === 'error' && read.message).toContain(file);
    expect(parsePolicy('')).toMatchObject({ kind: 'error', reason: 'malformed_json' });
  });

  it.each([
    ['no servers', {}, /serverUrls/],
    ['an empty list', { serverUrls: [] }, /serverUrls/],
    ['a string, not a list', { serverUrls: 'https://sapa.bank.co.id' }, /serverUrls/],
    ['a number in the list', { serverUrls: [42] }, /serverUrls\.0/],
    ['http:// to a remote host', { serverUrls: ['http://sapa.bank.co.id'] }, /serverUrls\.0: Refusing plain http:\/\/ to sapa\.bank\.co\.id/],
    ['not a URL', { serverUrls: ['sapa bank'] }, /Not a server URL/],
    ['ftp://', { serverUrls: ['ftp://sapa.bank.co.id'] }, /must start with https:\/\//],
    ['credentials in the URL', { serverUrls: ['https://it:secret@sapa.bank.co.id'] }, /user name or password/],
    ['an http:// mirror to a remote host', { serverUrls: ['https://sapa.bank.co.id'], updateMirror: 'http://10.1.2.3/sapa' }, /updateMirror/],
    ['locked as text', { serverUrls: ['https://sapa.bank.co.id'], locked: 'yes' }, /locked/],
    ['eleven servers', { serverUrls: Array.from({ length: 11 }, (_, i) => `https://s${i}.bank.co.id`) }, /serverUrls/],
    ['a list at the top', ['https://sapa.bank.co.id'], /\(file\)/],
    ['null', null, /\(file\)/],
  ])('refuses %s with the field and the rule', (_name, json, problem) => {
    const read = parsePolicy(JSON.stringify(json));
    expect(read).toMatchObject({ kind: 'error', reason: 'invalid' });
    expect(read.kind === 'error' ? read.message : '').toMatch(problem);
  });

  it('allows plain http:// only to this machine, as every server URL', () => {
    expect(parsePolicy(JSON.stringify({ serverUrls: ['http://127.0.0.1:4010', 'http://localhost:4010'] })))
      .toMatchObject({ kind: 'ok', policy: { serverUrls: ['http://127.0.0.1:4010', 'http://localhost:4010'] } });
  });

  it('refuses a huge file without reading it', async () => {
    const file = join(dir, 'policy.json');
    await writeFile(file, JSON.stringify({ serverUrls: ['https://sapa.bank.co.id'], pad: 'x'.repeat(POLICY_MAX_BYTES) }));
    expect(readPolicy(file)).toMatchObject({ kind: 'error', reason: 'too_large' });
  });

  it('refuses a folder in the file\'s place', async () => {
    const file = join(dir, 'policy.json');
    await mkdir(file);
    expect(readPolicy(file)).toMatchObject({ kind: 'error', reason: 'unreadable' });
  });

  it('ignores keys of a newer policy format but names them, and keeps the unicode of a host name', () => {
    expect(parsePolicy(JSON.stringify({ serverUrls: ['https://sapa.bänk.id'], ringHint: 'pilot' }))).toEqual({
      kind: 'ok', unknownKeys: ['ringHint'], policy: { serverUrls: ['https://sapa.xn--bnk-qla.id'], locked: true },
    });
  });
});

describe('which server list wins', () => {
  const ok = (serverUrls: string[], locked = true) => ({ kind: 'ok' as const, unknownKeys: [], policy: { serverUrls, locked } });
  const base = { policyFile: '/etc/sapa/policy.json', override: [] as string[], saved: null as string[] | null };

  it('a locked policy wins over the developer override and the agent\'s saved choice', () => {
    expect(resolveServerChoice({ ...base, policy: ok(['https://it.bank.co.id']), override: ['http://127.0.0.1:4010'], saved: ['https://mine.example.com'] }).status)
      .toEqual({ source: 'policy', serverUrls: ['https://it.bank.co.id'], policyFile: '/etc/sapa/policy.json', policyError: null, updateMirror: null });
  });

  it('passes the policy\'s update mirror on, whichever server list is used', () => {
    const policy = { kind: 'ok' as const, unknownKeys: [], policy: { serverUrls: ['https://it.bank.co.id'], locked: false, updateMirror: 'https://files.medan.bank.co.id/sapa' } };
    expect(resolveServerChoice({ ...base, policy, saved: ['https://mine.example.com'] }).status)
      .toMatchObject({ source: 'saved', updateMirror: 'https://files.medan.bank.co.id/sapa' });
  });

  it('a broken policy leaves no server at all (IT must fix it), with why', () => {
    const { status } = resolveServerChoice({ ...base, policy: { kind: 'error', reason: 'malformed_json', message: 'bad' }, saved: ['https://mine.example.com'] });
    expect(status).toEqual({ source: 'policy', serverUrls: [], policyFile: '/etc/sapa/policy.json', policyError: { reason: 'malformed_json', message: 'bad' }, updateMirror: null });
  });

  it('without a policy: the override, else the saved choice, else none', () => {
    expect(resolveServerChoice({ ...base, policy: { kind: 'absent' }, override: ['http://127.0.0.1:4010/'], saved: ['https://mine.example.com'] }).status)
      .toMatchObject({ source: 'override', serverUrls: ['http://127.0.0.1:4010'] });
    expect(resolveServerChoice({ ...base, policy: { kind: 'absent' }, saved: ['https://mine.example.com'] }).status)
      .toMatchObject({ source: 'saved', serverUrls: ['https://mine.example.com'] });
    expect(resolveServerChoice({ ...base, policy: { kind: 'absent' } }).status).toMatchObject({ source: 'none', serverUrls: [] });
  });

  it('an unlocked policy is only a default under the agent\'s own choice', () => {
    expect(resolveServerChoice({ ...base, policy: ok(['https://it.bank.co.id'], false), saved: ['https://mine.example.com'] }).status)
      .toMatchObject({ source: 'saved', serverUrls: ['https://mine.example.com'] });
    expect(resolveServerChoice({ ...base, policy: ok(['https://it.bank.co.id'], false) }).status)
      .toMatchObject({ source: 'policy', serverUrls: ['https://it.bank.co.id'] });
  });

  it('refuses a developer override that breaks the URL rules, as core always has', () => {
    expect(() => resolveServerChoice({ ...base, policy: { kind: 'absent' }, override: ['http://sapa.bank.co.id'] })).toThrow(/Refusing plain http/);
  });
});
