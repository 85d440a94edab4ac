// The upload spool behind the CSV import and the release upload: chunks land in order even
// when calls overlap, an upload over its limit is discarded with its temp file, and the temp
// file is deleted after the send whether the server took it or not.
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SapaError } from '../../../../src/shared/errors.js';
import { createUploadSpool } from '../../../../src/main/core/uploads/upload-spool.js';

const tooLarge = () => new SapaError('TOO_LARGE', 'too large');

async function text(body: ReadableStream<Uint8Array>): Promise<string> {
  return new Response(body).text();
}

describe('upload spool', () => {
  it('appends overlapping chunks in call order and streams the whole file on finish', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spool-'));
    const spool = createUploadSpool<{ name: string }>(dir, '.csv');
    const id = await spool.begin({ name: 'a.csv' });
    expect(spool.busy()).toBe(true);
    const sizes = await Promise.all(['ab', 'cd', 'é'].map((c) => spool.append(id, Buffer.from(c), () => 100, tooLarge)));
    expect(sizes).toEqual([2, 4, 6]);
    const sent = await spool.finish(id, async (body, meta) => `${meta.name}:${await text(body)}`);
    expect(sent).toBe('a.csv:abcdé');
    expect(readdirSync(join(dir, 'uploads'))).toEqual([]);
    expect(spool.busy()).toBe(false);
  });

  it('discards an upload that passes its limit, temp file and all', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spool-'));
    const spool = createUploadSpool<{ size: number }>(dir, '.release');
    const id = await spool.begin({ size: 3 });
    await spool.append(id, Buffer.from('12'), ({ size }) => size, tooLarge);
    await expect(spool.append(id, Buffer.from('34'), ({ size }) => size, tooLarge)).rejects.toMatchObject({ code: 'TOO_LARGE' });
    expect(readdirSync(join(dir, 'uploads'))).toEqual([]);
    await expect(spool.append(id, Buffer.from('5'), () => 10, tooLarge)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('deletes the temp file when the send fails, and discardAll closes what is left', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'spool-'));
    const spool = createUploadSpool<object>(dir, '.csv');
    const id = await spool.begin({});
    await spool.append(id, Buffer.from('x'), () => 10, tooLarge);
    await expect(spool.finish(id, () => Promise.reject(new Error('server refused')))).rejects.toThrow('server refused');
    expect(readdirSync(join(dir, 'uploads'))).toEqual([]);
    await spool.begin({});
    await spool.begin({});
    expect(readdirSync(join(dir, 'uploads'))).toHaveLength(2);
    await spool.discardAll();
    expect(readdirSync(join(dir, 'uploads'))).toEqual([]);
  });
});
