// An append-only file of sealed records (AES-256-GCM), for data that arrives in pieces
// and must survive a crash between pieces: the recording spool. Each append is one record,
// written with one write call; a crash mid-write leaves a torn last record, which readers
// drop (everything before it is whole and authenticated).
//
//   file   = MAGIC (8 bytes) | file id (16 random bytes) | record*
//   record = length of ciphertext (u32 BE) | nonce (12) | ciphertext | tag (16)
//
// Each record's additional data is the file id and the record's index, so records cannot
// be moved between files or reordered without the tag failing.
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { closeSync, existsSync, fstatSync, openSync, readSync, truncateSync, writeSync } from 'node:fs';
import { SapaError } from '../../../shared/errors.js';

const MAGIC = Buffer.from('SAPASEA1', 'latin1');
const FILE_ID_BYTES = 16;
export const SEALED_HEADER_BYTES = MAGIC.length + FILE_ID_BYTES;
const LENGTH_BYTES = 4;
const NONCE_BYTES = 12;
const TAG_BYTES = 16;
/** Bytes a record adds to its plaintext. */
export const RECORD_OVERHEAD = LENGTH_BYTES + NONCE_BYTES + TAG_BYTES;
/** One record at most (a recorder chunk is a few KB; a migrated legacy file is cut in pieces). */
export const MAX_RECORD_BYTES = 16 * 1024 * 1024;

/** What a scan of a sealed file found (headers only, nothing decrypted). */
export interface SealedLayout {
  fileId: Buffer;
  /** Whole records, with their offsets. */
  records: { offset: number; length: number }[];
  plainBytes: number;
  /** Where the whole records end; a torn record, if any, starts here. */
  validBytes: number;
  torn: boolean;
}

/** Creates an empty sealed file (replacing any file there). */
export function createSealedFile(file: string): void {
  const fd = openSync(file, 'w', 0o600);
  try {
    writeSync(fd, Buffer.concat([MAGIC, randomBytes(FILE_ID_BYTES)]));
  } finally {
    closeSync(fd);
  }
}

export function isSealedFile(file: string): boolean {
  if (!existsSync(file)) return false;
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(MAGIC.length);
    return readSync(fd, head, 0, head.length, 0) === head.length && head.equals(MAGIC);
  } finally {
    closeSync(fd);
  }
}

/** Reads the record headers of `file`; a last record cut short is reported as torn. */
export function scanSealedFile(file: string): SealedLayout {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const header = Buffer.alloc(SEALED_HEADER_BYTES);
    if (readSync(fd, header, 0, header.length, 0) !== header.length || !header.subarray(0, MAGIC.length).equals(MAGIC)) {
      throw new SapaError('INTERNAL', `${file} is not a sealed Sapa file`, { file });
    }
    const records: SealedLayout['records'] = [];
    let offset = SEALED_HEADER_BYTES;
    let plainBytes = 0;
    const lengthBuf = Buffer.alloc(LENGTH_BYTES);
    while (offset < size) {
      if (readSync(fd, lengthBuf, 0, LENGTH_BYTES, offset) !== LENGTH_BYTES) break;
      const length = lengthBuf.readUInt32BE(0);
      if (length > MAX_RECORD_BYTES || offset + RECORD_OVERHEAD + length > size) break;
      records.push({ offset, length });
      plainBytes += length;
      offset += RECORD_OVERHEAD + length;
    }
    return { fileId: Buffer.from(header.subarray(MAGIC.length)), records, plainBytes, validBytes: offset, torn: offset < size };
  } finally {
    closeSync(fd);
  }
}

function additionalData(fileId: Buffer, index: number): Buffer {
  const index32 = Buffer.alloc(4);
  index32.writeUInt32BE(index, 0);
  return Buffer.concat([fileId, index32]);
}

/** Appends one record sealing `plain`, as record number `index` (= the records before it). */
export function appendSealedRecord(file: string, key: Buffer, fileId: Buffer, index: number, plain: Buffer): number {
  if (plain.length > MAX_RECORD_BYTES) throw new SapaError('TOO_LARGE', `A sealed record holds at most ${MAX_RECORD_BYTES} bytes`);
  const nonce = randomBytes(NONCE_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  cipher.setAAD(additionalData(fileId, index));
  const sealed = Buffer.concat([cipher.update(plain), cipher.final()]);
  const length = Buffer.alloc(LENGTH_BYTES);
  length.writeUInt32BE(plain.length, 0);
  const record = Buffer.concat([length, nonce, sealed, cipher.getAuthTag()]);
  // One write of the whole record: a crash leaves it whole or torn, never interleaved.
  const fd = openSync(file, 'a', 0o600);
  try {
    writeSync(fd, record);
  } finally {
    closeSync(fd);
  }
  return record.length;
}

/** Cuts a torn last record off (after a crash), so appends and readers start clean. */
export function dropTornRecord(file: string, layout: SealedLayout): void {
  if (layout.torn) truncateSync(file, layout.validBytes);
}

/**
 * The plaintext of every whole record, in order. A record that is whole but does not
 * authenticate (another key, or the file was altered) is an error, never skipped.
 */
export function readSealedFile(file: string, key: Buffer): Buffer {
  const layout = scanSealedFile(file);
  const fd = openSync(file, 'r');
  try {
    const parts: Buffer[] = [];
    layout.records.forEach(({ offset, length }, index) => {
      const record = Buffer.alloc(RECORD_OVERHEAD + length);
      readSync(fd, record, 0, record.length, offset);
      const nonce = record.subarray(LENGTH_BYTES, LENGTH_BYTES + NONCE_BYTES);
      const sealed = record.subarray(LENGTH_BYTES + NONCE_BYTES, LENGTH_BYTES + NONCE_BYTES + length);
      const tag = record.subarray(LENGTH_BYTES + NONCE_BYTES + length);
      const decipher = createDecipheriv('aes-256-gcm', key, nonce);
      decipher.setAAD(additionalData(layout.fileId, index));
      decipher.setAuthTag(tag);
      try {
        parts.push(decipher.update(sealed), decipher.final());
      } catch {
        throw new SapaError('INTERNAL',
          `${file}: record ${index} does not authenticate (sealed with another desktop key, or altered)`, { file, record: index });
      }
    });
    return Buffer.concat(parts);
  } finally {
    closeSync(fd);
  }
}
