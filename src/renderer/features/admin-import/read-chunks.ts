// Reads a file as text in slices so a large CSV never sits in memory whole. Slices are cut
// at byte offsets, which can split a multi-byte UTF-8 character; a streaming TextDecoder
// carries the partial character over to the next slice (slice().text() would garble it).

export const IMPORT_CHUNK_BYTES = 512 * 1024;

export interface TextChunk {
  text: string;
  /** Bytes of the file consumed so far, for the upload progress bar. */
  bytesRead: number;
}

export async function* readTextChunks(file: Blob, chunkBytes = IMPORT_CHUNK_BYTES): AsyncGenerator<TextChunk> {
  const decoder = new TextDecoder('utf-8');
  for (let offset = 0; offset < file.size; offset += chunkBytes) {
    const end = Math.min(file.size, offset + chunkBytes);
    const bytes = await file.slice(offset, end).arrayBuffer();
    const last = end >= file.size;
    const text = decoder.decode(bytes, { stream: !last });
    yield { text, bytesRead: end };
  }
}
