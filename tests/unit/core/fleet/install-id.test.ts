// The install id: made once per data folder, the same after a restart, sign-out or cache
// wipe (it lives beside the cache), and a damaged file is replaced by a fresh valid id.
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { INSTALL_ID_FILE, loadInstallId } from '../../../../src/main/core/fleet/install-id.js';
import { InstallId } from '../../../../src/shared/updates.js';

const dirs: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'sapa-install-id-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

describe('install id', () => {
  it('is made once, as a uuid in a private file, and read back unchanged', () => {
    const dir = freshDir();
    const id = loadInstallId(dir);
    expect(InstallId.safeParse(id).success).toBe(true);
    expect(readFileSync(join(dir, INSTALL_ID_FILE), 'utf8').trim()).toBe(id);
    if (process.platform !== 'win32') expect(statSync(join(dir, INSTALL_ID_FILE)).mode & 0o777).toBe(0o600);
    expect(loadInstallId(dir)).toBe(id);
    expect(loadInstallId(dir)).toBe(id);
    expect(readdirSync(dir)).toEqual([INSTALL_ID_FILE]); // no temporary file left behind
  });

  it('survives the cache files being deleted (a wipe order, a rebuilt cache)', () => {
    const dir = freshDir();
    const id = loadInstallId(dir);
    writeFileSync(join(dir, 'cache.sqlite'), 'x');
    rmSync(join(dir, 'cache.sqlite'));
    expect(loadInstallId(dir)).toBe(id);
  });

  it('makes the data folder when it does not exist yet', () => {
    const dir = join(freshDir(), 'nested', 'data');
    expect(InstallId.safeParse(loadInstallId(dir)).success).toBe(true);
  });

  it.each([
    ['empty', ''],
    ['not a uuid', 'hello'],
    ['script', '<script>alert(1)</script>'],
    ['binary', '\u0000\u0001\u0002'],
    ['two ids', '0b7f3c2e-0000-4000-8000-000000000001 0b7f3c2e-0000-4000-8000-000000000002'],
  ])('a %s file is replaced by a fresh valid id, which then stays', (_what, content) => {
    const dir = freshDir();
    writeFileSync(join(dir, INSTALL_ID_FILE), content);
    const id = loadInstallId(dir);
    expect(InstallId.safeParse(id).success).toBe(true);
    expect(id).not.toBe(content);
    expect(loadInstallId(dir)).toBe(id);
  });

  it('two data folders get two different ids', () => {
    expect(loadInstallId(freshDir())).not.toBe(loadInstallId(freshDir()));
  });
});
