// Receives the upload into a temporary file before the import starts.
//
// Why not parse the request stream directly and answer at once? HTTP clients built on
// undici (Node's fetch, which core uses) stop sending the body as soon as a response
// arrives, so an early answer cuts the upload short. Spooling to disk keeps memory flat,
// lets us answer the moment the upload is complete, and processes the file afterwards.
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { SapaError } from '../../shared/errors.js';
import { ByteCounter } from './run-import.js';

export interface SpooledFile { path: string; bytes: number; remove(): Promise<void> }

export async function spoolUpload(body: Readable, byteLimit: number): Promise<SpooledFile> {
  const dir = await mkdtemp(join(tmpdir(), 'sapa-import-'));
  const path = join(dir, 'upload.csv');
  const counter = new ByteCounter(byteLimit);
  const remove = () => rm(dir, { recursive: true, force: true });
  try {
    await pipeline(body, counter, createWriteStream(path));
  } catch (err) {
    await remove();
    if (err instanceof SapaError) throw err;
    throw new SapaError('INVALID_INPUT', 'The upload was interrupted before the file was complete');
  }
  return { path, bytes: counter.bytes, remove };
}
