// The desktop key on an Electron desktop: made once at random, stored in the user data
// folder sealed by the OS keychain (safeStorage: DPAPI on Windows, Keychain on macOS,
// libsecret/kwallet on Linux), unsealed at each start and handed to core. Plain functions
// over a small KeyVault so the policy is unit-tested in Node (this file imports no
// electron); main.ts passes safeStorage in.
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { keyToHex, newKey, parseKeyHex } from '../core/at-rest/keys.js';

/** What the shell needs from safeStorage. */
export interface KeyVault {
  isEncryptionAvailable(): boolean;
  encryptString(plain: string): Buffer;
  decryptString(sealed: Buffer): string;
  /** Linux only: which keyring safeStorage uses; `basic_text` means a fixed password, no keyring. */
  getSelectedStorageBackend?(): string;
}

export const DESKTOP_KEY_FILE_NAME = 'desktop-key.sealed';

export interface LoadedKey {
  key: Buffer;
  /**
   * A sealed key was there but the keychain could not open it (another OS user, a reset
   * keychain): a new key was made, so what the old one encrypted can no longer be read.
   */
  replacedUnreadable: boolean;
}

/** Unseals the key in `file`, or makes and seals a new one (first start, or a lost key). */
export function loadOrCreateDesktopKey(file: string, vault: KeyVault): LoadedKey {
  if (!vault.isEncryptionAvailable() || vault.getSelectedStorageBackend?.() === 'basic_text') {
    // Without the keychain the key would sit next to the cache in clear: refuse to start.
    throw new Error('The OS keychain is not available (safeStorage), so the desktop key cannot be kept safely. ' +
      'On Linux, sign in to a desktop session with a keyring (gnome-keyring or kwallet).');
  }
  if (existsSync(file)) {
    try {
      return { key: parseKeyHex(vault.decryptString(readFileSync(file)), 'The sealed desktop key'), replacedUnreadable: false };
    } catch {
      return { key: sealNewKey(file, vault), replacedUnreadable: true };
    }
  }
  return { key: sealNewKey(file, vault), replacedUnreadable: false };
}

function sealNewKey(file: string, vault: KeyVault): Buffer {
  const key = newKey();
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, vault.encryptString(keyToHex(key)), { mode: 0o600 });
  renameSync(tmp, file);
  return key;
}
