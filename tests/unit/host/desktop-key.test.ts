// Where the browser host takes the desktop key from, and the key files it refuses.
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { desktopKeyFromEnv, readKeyFile } from '../../../src/main/host/desktop-key.js';
import { SapaError } from '../../../src/shared/errors.js';

const HEX = 'a1'.repeat(32);
const dirs: string[] = [];
function keyFile(content: string, mode: number): string {
  const dir = mkdtempSync(join(tmpdir(), 'sapa-key-'));
  dirs.push(dir);
  const file = join(dir, 'desktop.key');
  writeFileSync(file, content);
  chmodSync(file, mode);
  return file;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function failure(run: () => unknown): SapaError {
  try {
    run();
  } catch (error) {
    if (error instanceof SapaError) return error;
    throw error;
  }
  throw new Error('expected a SapaError');
}

describe('the browser host desktop key', () => {
  it('reads a key file only its owner may read', () => {
    expect(readKeyFile(keyFile(`${HEX}\n`, 0o600)).toString('hex')).toBe(HEX);
    expect(readKeyFile(keyFile(HEX, 0o400)).toString('hex')).toBe(HEX);
  });

  it.each([0o644, 0o640, 0o604, 0o660, 0o666])('refuses a key file with mode %o, saying how to fix it', (mode) => {
    const file = keyFile(HEX, mode);
    const error = failure(() => readKeyFile(file, 'linux'));
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toContain(`chmod 600 ${file}`);
    expect(error.details).toMatchObject({ reason: 'desktop_key_file_exposed', mode: `0${mode.toString(8)}` });
  });

  it('refuses a key file that does not hold 64 hex digits, and one that is not there', () => {
    expect(failure(() => readKeyFile(keyFile('not a key', 0o600))).message).toMatch(/64 hex digits/);
    expect(failure(() => readKeyFile(join(tmpdir(), 'sapa-no-such-key'))).details).toMatchObject({ reason: 'desktop_key_file_unreadable' });
  });

  it('takes SAPA_DESKTOP_KEY first, then SAPA_DESKTOP_KEY_FILE, and says what to set when neither is there', () => {
    const file = keyFile('b2'.repeat(32), 0o600);
    expect(desktopKeyFromEnv({ SAPA_DESKTOP_KEY: HEX, SAPA_DESKTOP_KEY_FILE: file }).toString('hex')).toBe(HEX);
    expect(desktopKeyFromEnv({ SAPA_DESKTOP_KEY_FILE: file }).toString('hex')).toBe('b2'.repeat(32));
    expect(failure(() => desktopKeyFromEnv({ SAPA_DESKTOP_KEY: 'short' })).message).toMatch(/SAPA_DESKTOP_KEY must hold/);
    const missing = failure(() => desktopKeyFromEnv({}));
    expect(missing.message).toMatch(/SAPA_DESKTOP_KEY .* or SAPA_DESKTOP_KEY_FILE/);
  });
});
