// Releases: created from the latest*.yml files electron-builder made (every channel must
// name the same version; a version exists once), then either filled file by file (each
// streamed and checked against the yml: storage.ts) or, for files on an internal file
// server, ready at once. A release is offerable when every file its ymls name is stored.
import { type Readable } from 'node:stream';
import { v7 as uuidv7 } from 'uuid';
import { SapaError } from '../../shared/errors.js';
import {
  CHANNEL_FILES, type Channel, type CreateReleaseRequest, type Release, type ReleaseState,
} from '../../shared/releases-routes.js';
import { type Db } from '../db/db.js';
import { parseChannelYml, type ParsedChannel } from './channel-yml.js';
import { storeReleaseFile } from './storage.js';

/** Largest .blockmap accepted (electron-builder's are ~0.1 % of the installer). */
const MAX_BLOCKMAP = 32 * 1024 * 1024;

interface ReleaseRow {
  id: string; version: string; build_version: string; source: 'upload' | 'url'; base_url: string | null; files_of: string | null;
  notes: string; state: ReleaseState; created_at: Date;
}
interface FileRow { release_id: string; channel: Channel; name: string; sha512: string; size: number; stored_at: Date | null; extra: Record<string, unknown> }

export async function loadReleases(db: Db, where = 'true', params: unknown[] = []): Promise<Release[]> {
  const rows = await db.query<ReleaseRow>(`SELECT * FROM releases WHERE ${where} ORDER BY created_at DESC, id DESC`, params as never);
  if (rows.length === 0) return [];
  // A rollback release lists the files of the release it re-offers.
  const sourceIds = [...new Set(rows.map((r) => r.files_of ?? r.id))];
  const files = await db.query<FileRow>('SELECT * FROM release_files WHERE release_id = ANY($1::uuid[]) ORDER BY channel, position', [sourceIds]);
  const blockmaps = await db.query<{ release_id: string; name: string }>(
    'SELECT release_id, name FROM release_blockmaps WHERE release_id = ANY($1::uuid[]) ORDER BY name', [sourceIds]);
  return rows.map((r) => {
    const source = r.files_of ?? r.id;
    return {
      id: r.id, version: r.version, buildVersion: r.build_version, source: r.source, baseUrl: r.base_url, filesOf: r.files_of,
      notes: r.notes, state: r.state, createdAt: r.created_at.toISOString(),
      files: files.filter((f) => f.release_id === source).map((f) => ({
        channel: f.channel, name: f.name, sha512: f.sha512, size: f.size, stored: f.stored_at !== null,
      })),
      blockmaps: blockmaps.filter((b) => b.release_id === source).map((b) => b.name),
    };
  });
}

export async function getRelease(db: Db, id: string): Promise<Release> {
  const [release] = await loadReleases(db, 'id = $1', [id]);
  if (!release) throw new SapaError('NOT_FOUND', `No release ${id}`);
  return release;
}

export async function createRelease(db: Db, input: CreateReleaseRequest & { notes: string }, userId: string): Promise<Release> {
  const parsed: [Channel, string, ParsedChannel][] = input.channels.map((c) => [CHANNEL_FILES[c.file], c.content, parseChannelYml(c.file, c.content)]);
  const versions = [...new Set(parsed.map(([, , p]) => p.version))];
  const version = versions[0];
  if (versions.length !== 1 || version === undefined) {
    throw new SapaError('INVALID_INPUT', `The yml files name different versions (${versions.join(', ')}); upload one version at a time`, { versions });
  }
  const id = uuidv7();
  const source = input.baseUrl ? 'url' : 'upload';
  await db.transaction(async (tx) => {
    const [clash] = await tx.query<{ id: string }>('SELECT id FROM releases WHERE version = $1', [version]);
    if (clash) throw new SapaError('CONFLICT', `Version ${version} already exists; build a higher version`, { version });
    await tx.query(
      `INSERT INTO releases (id, version, build_version, source, base_url, notes, state, created_by)
       VALUES ($1, $2, $2, $3, $4, $5, $6, $7) ON CONFLICT (version) DO NOTHING`,
      [id, version, source, input.baseUrl?.replace(/\/+$/, '') ?? null, input.notes, source === 'url' ? 'ready' : 'draft', userId]);
    const [written] = await tx.query<{ id: string }>('SELECT id FROM releases WHERE id = $1', [id]);
    if (!written) throw new SapaError('CONFLICT', `Version ${version} already exists; build a higher version`, { version });
    for (const [channel, content, p] of parsed) {
      await tx.query('INSERT INTO release_channels (release_id, channel, content, release_date) VALUES ($1, $2, $3, $4)',
        [id, channel, content, p.releaseDate]);
      for (const [position, f] of p.files.entries()) {
        await tx.query(
          `INSERT INTO release_files (release_id, channel, name, sha512, size, extra, position, stored_at)
           VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8)`,
          [id, channel, f.name, f.sha512, f.size, JSON.stringify(f.extra), position, source === 'url' ? new Date() : null]);
      }
    }
  });
  return getRelease(db, id);
}

/**
 * One file of a draft release (or a .blockmap of one of its files), streamed to disk and
 * checked against the yml. The same file named by two channels is stored once.
 */
export async function uploadReleaseFile(db: Db, dir: string, releaseId: string, name: string, body: Readable): Promise<Release> {
  const release = await getRelease(db, releaseId);
  if (release.source !== 'upload' || release.filesOf) {
    throw new SapaError('CONFLICT', `Release ${release.version} keeps its files elsewhere; nothing to upload`);
  }
  const entry = release.files.find((f) => f.name === name);
  const blockmapOf = name.endsWith('.blockmap') ? release.files.find((f) => `${f.name}.blockmap` === name) : undefined;
  if (!entry && !blockmapOf) {
    throw new SapaError('INVALID_INPUT', `${name} is not a file the yml of ${release.version} names (nor its .blockmap)`, {
      expected: release.files.map((f) => f.name),
    });
  }
  if (entry) {
    await storeReleaseFile(dir, releaseId, name, body, { size: entry.size, sha512: entry.sha512 });
    await db.query('UPDATE release_files SET stored_at = now() WHERE release_id = $1 AND name = $2', [releaseId, name]);
    await db.query(
      `UPDATE releases SET state = 'ready' WHERE id = $1 AND state = 'draft'
         AND NOT EXISTS (SELECT 1 FROM release_files WHERE release_id = $1 AND stored_at IS NULL)`, [releaseId]);
  } else {
    const [row] = await db.query<{ extra: Record<string, unknown> }>('SELECT extra FROM release_files WHERE release_id = $1 AND name = $2 LIMIT 1',
      [releaseId, blockmapOf?.name ?? '']);
    const declared = row?.extra.blockMapSize;
    // The yml gives a blockmap's size (blockMapSize) but not its sha512: the size is checked,
    // and electron-updater checks the sha512 of the file it assembles with it.
    const size = typeof declared === 'number' ? declared : await sizeOfUnknown(body, MAX_BLOCKMAP);
    await storeReleaseFile(dir, releaseId, name, body, { size });
    await db.query(
      `INSERT INTO release_blockmaps (release_id, name, size) VALUES ($1, $2, $3)
       ON CONFLICT (release_id, name) DO UPDATE SET size = EXCLUDED.size`, [releaseId, name, size]);
  }
  return getRelease(db, releaseId);
}

/** A blockmap with no declared size: its Content-Length decides, up to `limit`. */
async function sizeOfUnknown(body: Readable, limit: number): Promise<number> {
  const header = (body as Readable & { headers?: Record<string, string | undefined> }).headers?.['content-length'];
  const n = Number(header);
  if (!Number.isSafeInteger(n) || n <= 0 || n > limit) {
    throw new SapaError('INVALID_INPUT', `A .blockmap needs a Content-Length of 1 … ${limit} bytes when the yml gives no blockMapSize`);
  }
  return n;
}
