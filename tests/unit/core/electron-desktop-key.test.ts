// The Electron shell's key policy (desktop-key-store.ts), with a stand-in for safeStorage.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateDesktopKey, type KeyVault } from '../../../src/main/electron/desktop-key-store.js';

/** Seals by XOR with a secret byte, as a stand-in keychain; `lost` makes it refuse to unseal. */
function vault(options: { available?: boolean; lost?: boolean } = {}): KeyVault {
  const xor = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
  return {
    isEncryptionAvailable: () => options.available ?? true,
    encryptString: (plain) => xor(Buffer.from(plain, 'utf8')),
    decryptString: (sealed) => {
      if (options.lost) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return xor(sealed).toString('utf8');
    },
  };
}

const dirs: string[] = [];
function keyPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sapa-electron-key-'));
  dirs.push(dir);
  return join(dir, 'desktop-key.sealed');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the Electron desktop key', () => {
  it('is made once, stored sealed (never in clear, owner-only), and the same key comes back at the next start', () => {
    const file = keyPath();
    const first = loadOrCreateDesktopKey(file, vault());
    expect(first).toMatchObject({ replacedUnreadable: false });
    expect(first.key).toHaveLength(32);
    expect(readFileSync(file).includes(first.key.toString('hex'))).toBe(false);
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(loadOrCreateDesktopKey(file, vault()).key.equals(first.key)).toBe(true);
    expect(existsSync(`${file}.tmp`)).toBe(false);
  });

  it('makes a new key when the keychain cannot open the old one, and says so', () => {
    const file = keyPath();
    const first = loadOrCreateDesktopKey(file, vault());
    const second = loadOrCreateDesktopKey(file, vault({ lost: true }));
    expect(second.replacedUnreadable).toBe(true);
    expect(second.key.equals(first.key)).toBe(false);
    writeFileSync(file, 'garbage');
    expect(loadOrCreateDesktopKey(file, vault()).replacedUnreadable).toBe(true);
  });

  it('refuses to start without a keychain rather than keep the key in clear', () => {
    expect(() => loadOrCreateDesktopKey(keyPath(), vault({ available: false }))).toThrow(/keychain is not available/);
    // Linux without a keyring: safeStorage "works" with a fixed password, which protects nothing.
    const basicText = { ...vault(), getSelectedStorageBackend: () => 'basic_text' };
    expect(() => loadOrCreateDesktopKey(keyPath(), basicText)).toThrow(/keychain is not available/);
    const gnome = { ...vault(), getSelectedStorageBackend: () => 'gnome_libsecret' };
    expect(loadOrCreateDesktopKey(keyPath(), gnome).key).toHaveLength(32);
  });
});
