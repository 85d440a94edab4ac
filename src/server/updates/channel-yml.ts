// The latest*.yml files electron-builder writes and electron-updater's generic provider
// reads (builder-util-runtime's UpdateInfo: version, files[{url, sha512, size,
// blockMapSize?}], the legacy path/sha512, releaseDate, releaseNotes). Parsed with js-yaml's
// load(), the very call electron-updater's parseUpdateInfo makes, so a file that parses here
// parses on the desktop; written back with dump() for each desktop's feed.
import { dump, load } from 'js-yaml';
import { SapaError } from '../../shared/errors.js';
import { RELEASE_FILE_NAME } from '../../shared/releases-routes.js';
import { isSemver } from './semver.js';

/** base64 of a 64-byte digest: 86 characters and "==". */
const SHA512_BASE64 = /^[A-Za-z0-9+/]{86}==$/;
const MAX_FILES = 20;
/** The largest installer a release may name (electron-builder's are 100–300 MB). */
export const MAX_RELEASE_FILE = 4 * 1024 ** 3;

export interface ChannelFileEntry {
  name: string;
  sha512: string;
  size: number;
  /** The entry's other fields, handed back unchanged (blockMapSize, isAdminRightsRequired). */
  extra: Record<string, unknown>;
}

export interface ParsedChannel {
  version: string;
  files: ChannelFileEntry[];
  releaseDate: string | null;
}

function refuse(file: string, problem: string): never {
  throw new SapaError('INVALID_INPUT', `${file} is not a usable electron-builder update file: ${problem}`, { file, problem });
}

const KEPT_EXTRA = new Set(['blockMapSize', 'isAdminRightsRequired']);

export function parseChannelYml(file: string, content: string): ParsedChannel {
  let data: unknown;
  try {
    data = load(content);
  } catch (err) {
    refuse(file, `it does not parse as YAML (${(err as Error).message.split('\n')[0]})`);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) refuse(file, 'it is not a mapping');
  const info = data as Record<string, unknown>;
  const version = typeof info.version === 'string' ? info.version : String(info.version ?? '');
  if (!isSemver(version)) refuse(file, `"version" must be a version like 1.4.0 (got "${version.slice(0, 64)}")`);
  if (!Array.isArray(info.files) || info.files.length === 0) refuse(file, '"files" must list at least one file');
  if (info.files.length > MAX_FILES) refuse(file, `"files" lists more than ${MAX_FILES} files`);
  const files: ChannelFileEntry[] = info.files.map((raw: unknown, i: number) => {
    if (typeof raw !== 'object' || raw === null) refuse(file, `files[${i}] is not a mapping`);
    const entry = raw as Record<string, unknown>;
    const name = entry.url;
    // Only plain names: the file is stored under it and served at the feed's base URL.
    if (typeof name !== 'string' || !RELEASE_FILE_NAME.test(name)) {
      refuse(file, `files[${i}].url must be one plain file name (no slash, no "..", no URL)`);
    }
    if (typeof entry.sha512 !== 'string' || !SHA512_BASE64.test(entry.sha512)) {
      refuse(file, `files[${i}].sha512 must be the base64 sha512 electron-builder writes`);
    }
    if (typeof entry.size !== 'number' || !Number.isSafeInteger(entry.size) || entry.size <= 0 || entry.size > MAX_RELEASE_FILE) {
      refuse(file, `files[${i}].size must be a whole number of bytes (1 … ${MAX_RELEASE_FILE})`);
    }
    const extra = Object.fromEntries(Object.entries(entry).filter(([k, v]) => KEPT_EXTRA.has(k) && (typeof v === 'number' || typeof v === 'boolean')));
    return { name, sha512: entry.sha512, size: entry.size, extra };
  });
  if (new Set(files.map((f) => f.name)).size !== files.length) refuse(file, 'a file is listed twice');
  const releaseDate = typeof info.releaseDate === 'string' ? info.releaseDate.slice(0, 40) : null;
  return { version, files, releaseDate };
}

export interface FeedFile { url: string; sha512: string; size: number; extra: Record<string, unknown> }

export interface FeedInfo {
  version: string;
  files: FeedFile[];
  releaseDate: string | null;
  releaseNotes: string | null;
  /** Sapa's addition, read by core's updater (updateInfo.sapaMandatoryAfter): ISO time after which the update is forced. */
  sapaMandatoryAfter: string | null;
}

/** A latest*.yml for one desktop, in the shape electron-builder writes. */
export function writeChannelYml(info: FeedInfo): string {
  const first = info.files[0];
  const doc: Record<string, unknown> = {
    version: info.version,
    files: info.files.map((f) => ({ url: f.url, sha512: f.sha512, size: f.size, ...f.extra })),
    ...(first ? { path: first.url, sha512: first.sha512 } : {}),
    ...(info.releaseDate ? { releaseDate: info.releaseDate } : {}),
    ...(info.releaseNotes ? { releaseNotes: info.releaseNotes } : {}),
    ...(info.sapaMandatoryAfter ? { sapaMandatoryAfter: info.sapaMandatoryAfter } : {}),
  };
  return dump(doc, { lineWidth: -1, noRefs: true });
}
