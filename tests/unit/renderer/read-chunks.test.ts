import { describe, expect, it } from 'vitest';
import { readTextChunks } from '../../../src/renderer/features/admin-import/read-chunks.js';

async function readAll(blob: Blob, size: number) {
  const chunks = [];
  for await (const chunk of readTextChunks(blob, size)) chunks.push(chunk);
  return chunks;
}

describe('readTextChunks', () => {
  it('reassembles multi-byte characters split across slice boundaries', async () => {
    // "é" and "💬" are 2 and 4 bytes in UTF-8; a 3-byte slice splits both.
    const text = 'full_name\nRené 💬 Siregar\nIbu Wayan Ayu\n';
    const chunks = await readAll(new Blob([text]), 3);
    expect(chunks.map((c) => c.text).join('')).toBe(text);
    expect(chunks.every((c) => !c.text.includes('\uFFFD'))).toBe(true);
  });

  it('reports the bytes consumed so far, ending at the file size', async () => {
    const blob = new Blob(['a'.repeat(1_000)]);
    const chunks = await readAll(blob, 300);
    expect(chunks.map((c) => c.bytesRead)).toEqual([300, 600, 900, 1_000]);
  });

  it('yields nothing for an empty file', async () => {
    expect(await readAll(new Blob([]), 512)).toEqual([]);
  });
});
