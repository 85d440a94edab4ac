// Release files on disk: <dir>/<release id>/<file name>. An upload is streamed into a
// temporary file beside its final place while its sha512 and size are computed; only a
// file that matches what the yml says is renamed into place, anything else is deleted.
import { createHash, randomBytes } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { SapaError } from '../../shared/errors.js';
import { RELEASE_FILE_NAME } from '../../shared/releases-routes.js';

export function releasesDirFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env.SAPA_RELEASES_DIR ?? path.join(env.SAPA_DATA_DIR ?? '.data/server', 'releases'));
}

/** The stored path of a release file; the name is checked again so no caller can escape the folder. */
export function releaseFilePath(dir: string, releaseId: string, name: string): string {
  if (!RELEASE_FILE_NAME.test(name) || !/^[0-9a-f-]{36}$/.test(releaseId)) throw new Error(`unsafe release file ${releaseId}/${name}`);
  const full = path.join(dir, releaseId, name);
  if (path.dirname(path.dirname(full)) !== path.resolve(dir)) throw new Error(`unsafe release file ${releaseId}/${name}`);
  return full;
}

export interface Expected {
  size: number;
  /** base64 sha512; absent for a blockmap (the yml names none; the updater checks the assembled file). */
  sha512?: string;
}

/** Counts and hashes the bytes going through, and stops the stream one byte past `limit`. */
class Digest extends Transform {
  readonly hash = createHash('sha512');
  bytes = 0;
  constructor(private readonly limit: number) { super(); }
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: (err?: Error | null, data?: Buffer) => void): void {
    this.bytes += chunk.length;
    if (this.bytes > this.limit) {
      done(new SapaError('INVALID_INPUT', `The file is larger than the ${this.limit} bytes the yml says`, { expectedSize: this.limit }));
      return;
    }
    this.hash.update(chunk);
    done(null, chunk);
  }
}

/**
 * Streams `body` to the release's folder. Refuses (400, nothing kept) a file whose size or
 * sha512 differ from `expected`.
 */
export async function storeReleaseFile(dir: string, releaseId: string, name: string, body: Readable, expected: Expected): Promise<void> {
  const final = releaseFilePath(dir, releaseId, name);
  await mkdir(path.dirname(final), { recursive: true });
  const temp = `${final}.${randomBytes(6).toString('hex')}.part`;
  const digest = new Digest(expected.size);
  try {
    await pipeline(body, digest, createWriteStream(temp, { flags: 'wx' }));
  } catch (err) {
    await rm(temp, { force: true });
    if (err instanceof SapaError) throw err;
    throw new SapaError('INVALID_INPUT', 'The upload was interrupted before the file was complete');
  }
  const sha512 = digest.hash.digest('base64');
  const problems: string[] = [];
  if (digest.bytes !== expected.size) problems.push(`size ${digest.bytes} bytes, the yml says ${expected.size}`);
  if (expected.sha512 !== undefined && sha512 !== expected.sha512) problems.push(`sha512 ${sha512}, the yml says ${expected.sha512}`);
  if (problems.length > 0) {
    await rm(temp, { force: true });
    throw new SapaError('INVALID_INPUT', `${name} does not match its yml: ${problems.join('; ')}. Nothing was kept.`, { name, problems });
  }
  await rename(temp, final);
}
