// Reads a (100+ MB) installer in slices as base64, so it never sits in memory whole and
// travels over IPC or the browser host's socket as text (admin.releases.uploadChunk).
import { RELEASE_CHUNK_BYTES } from '../../../shared/releases-api.js';

export interface Base64Chunk {
  data: string;
  /** Bytes of the file consumed so far, for the progress bar. */
  bytesRead: number;
}

function toBase64(bytes: Uint8Array): string {
  let binary = '';
  // String.fromCharCode takes a bounded argument list: 32 KB at a time.
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export async function* readBase64Chunks(file: Blob, chunkBytes = RELEASE_CHUNK_BYTES): AsyncGenerator<Base64Chunk> {
  for (let offset = 0; offset < file.size; offset += chunkBytes) {
    const end = Math.min(file.size, offset + chunkBytes);
    yield { data: toBase64(new Uint8Array(await file.slice(offset, end).arrayBuffer())), bytesRead: end };
  }
}
