// Where the browser host gets the desktop key (../core/at-rest/keys.ts): SAPA_DESKTOP_KEY
// (64 hex digits), or SAPA_DESKTOP_KEY_FILE, a file holding them that only its owner may
// read (mode 0600 or stricter): a key anyone on the machine can read protects nothing.
import { readFileSync, statSync } from 'node:fs';
import { SapaError } from '../../shared/errors.js';
import { parseKeyHex } from '../core/at-rest/keys.js';

/** The key named by `env`; a clear SapaError when it is missing, malformed or exposed. */
export function desktopKeyFromEnv(env: NodeJS.ProcessEnv = process.env): Buffer {
  if (env.SAPA_DESKTOP_KEY) return parseKeyHex(env.SAPA_DESKTOP_KEY, 'SAPA_DESKTOP_KEY');
  if (env.SAPA_DESKTOP_KEY_FILE) return readKeyFile(env.SAPA_DESKTOP_KEY_FILE);
  throw new SapaError('INVALID_INPUT',
    'The browser host needs the desktop key that encrypts its cache: set SAPA_DESKTOP_KEY (64 hex digits) ' +
    'or SAPA_DESKTOP_KEY_FILE (a file with them, mode 0600). Make one with: openssl rand -hex 32',
    { reason: 'desktop_key_missing' });
}

/** Reads a key file, refusing one that is not a regular file or that others may read or write. */
export function readKeyFile(file: string, platform: NodeJS.Platform = process.platform): Buffer {
  let stats;
  try {
    stats = statSync(file);
  } catch (error) {
    throw new SapaError('INVALID_INPUT', `The desktop key file ${file} cannot be read: ${String(error)}`, { file, reason: 'desktop_key_file_unreadable' });
  }
  if (!stats.isFile()) {
    throw new SapaError('INVALID_INPUT', `The desktop key file ${file} is not a regular file`, { file, reason: 'desktop_key_file_unreadable' });
  }
  // Windows has no such mode bits (its ACLs are not seen here); the browser host is a
  // development and test tool on Linux and macOS.
  const exposed = stats.mode & 0o077;
  if (platform !== 'win32' && exposed !== 0) {
    const mode = (stats.mode & 0o777).toString(8).padStart(4, '0');
    throw new SapaError('FORBIDDEN',
      `The desktop key file ${file} has mode ${mode}: others on this machine may read it. ` +
      `Refusing to use it; make it private with: chmod 600 ${file}`,
      { file, mode, reason: 'desktop_key_file_exposed' });
  }
  return parseKeyHex(readFileSync(file, 'utf8'), `The desktop key file ${file}`);
}
