// The integrity check on play hashes a recording once per version of its file: Range
// requests of an unchanged file (a player seeking) are answered from the kept verdict,
// and any change to the file (same size included) is hashed again and caught.
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createIntegrityChecker, digestFile } from '../../../src/server/recordings/integrity.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'sapa-integrity-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const data = Buffer.from(Array.from({ length: 3 * 1024 * 1024 + 17 }, (_, i) => (i * 7) % 256));
const recorded = { sha256: sha(data), sizeBytes: data.length, uploadSha256: sha(data), uploadSizeBytes: data.length };

it('digests a file larger than one read', async () => {
  writeFileSync(path.join(dir, 'a'), data);
  expect(await digestFile(path.join(dir, 'a'))).toEqual({ sha256: sha(data), sizeBytes: data.length });
});

it('hashes an unchanged file once; a change of one byte with the old times put back is caught', async () => {
  const file = path.join(dir, 'b');
  writeFileSync(file, data);
  const checker = createIntegrityChecker(dir);
  const verdicts = await Promise.all([checker.verify('b', recorded), checker.verify('b', recorded)]);
  for (let i = 0; i < 5; i++) verdicts.push(await checker.verify('b', recorded));
  expect(verdicts.every((v) => v.ok === true)).toBe(true);
  expect(checker.hashes).toBe(1);

  const tampered = Buffer.from(data);
  tampered.writeUInt8(tampered[1000]! ^ 1, 1000);
  writeFileSync(file, tampered);
  utimesSync(file, new Date(0), new Date(0)); // mtime hidden; ctime still moves
  expect(await checker.verify('b', recorded)).toMatchObject({ ok: false, reason: expect.stringContaining(sha(tampered)) });
  expect(checker.hashes).toBe(2);
  expect((await checker.verify('b', recorded)).ok).toBe(false);
  expect(checker.hashes).toBe(2);
});

it('fails a file of another size or a missing file without hashing; an unsealed file is hashed for sealing', async () => {
  writeFileSync(path.join(dir, 'c'), data.subarray(0, 10));
  const checker = createIntegrityChecker(dir);
  expect(await checker.verify('c', recorded)).toMatchObject({ ok: false, reason: expect.stringMatching(/size is 10 bytes/) });
  expect(await checker.verify('missing', recorded)).toMatchObject({ ok: false, reason: expect.stringMatching(/missing/) });
  expect(checker.hashes).toBe(0);
  const unsealed = { sha256: null, sizeBytes: 10, uploadSha256: null, uploadSizeBytes: null };
  expect(await checker.verify('c', unsealed)).toEqual({ ok: 'unsealed', digest: { sha256: sha(data.subarray(0, 10)), sizeBytes: 10 } });
});
