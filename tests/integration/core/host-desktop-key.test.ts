// The browser host process and its desktop key, as an operator meets them: a key file others
// may read, no key at all, and a cache written under another key each stop the host with
// exit code 2 and a sentence saying what to do, never a stack trace.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { keyToHex, newKey } from '../../../src/main/core/at-rest/keys.js';
import { openCacheStore } from '../../../src/main/core/cache-tables.js';

const root = path.resolve(import.meta.dirname, '../../..');
const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

function host(env: Record<string, string>): { status: number | null; stderr: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'sapa-host-key-'));
  dirs.push(dir);
  const run = spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'src/main/host/cli.ts')], {
    cwd: root, encoding: 'utf8', timeout: 60_000,
    env: {
      PATH: process.env.PATH ?? '', SAPA_LOG_LEVEL: 'error', SAPA_HOST_PORT: '0', SAPA_DESKTOP_DATA_DIR: path.join(dir, 'desktop'),
      SAPA_SERVER_URLS: 'http://127.0.0.1:9', ...env,
    },
  });
  return { status: run.status, stderr: run.stderr };
}

describe('the browser host refuses to start without a usable desktop key', () => {
  it('refuses a key file others may read, naming the chmod', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sapa-host-keyfile-'));
    dirs.push(dir);
    const file = path.join(dir, 'desktop.key');
    writeFileSync(file, keyToHex(newKey()));
    chmodSync(file, 0o644);
    const run = host({ SAPA_DESKTOP_KEY_FILE: file });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain(`Sapa browser host cannot start: The desktop key file ${file} has mode 0644`);
    expect(run.stderr).toContain(`chmod 600 ${file}`);
    expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });

  it('says which variables to set when there is no key', () => {
    const run = host({});
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/set SAPA_DESKTOP_KEY .* or SAPA_DESKTOP_KEY_FILE/);
  });

  it('stops with a clear sentence when the cache was written under another key', () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'sapa-host-otherkey-'));
    dirs.push(dataDir);
    openCacheStore(dataDir, newKey()).close();
    const run = host({ SAPA_DESKTOP_DATA_DIR: dataDir, SAPA_DESKTOP_KEY: keyToHex(newKey()) });
    expect(run.status).toBe(2);
    expect(run.stderr).toMatch(/cannot be read with this desktop key .* delete the cache \(cache\.sqlite\*, recordings\/\)/);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
