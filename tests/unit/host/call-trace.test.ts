// The browser host's optional per-call timing trace (SAPA_HOST_TRACE_FILE, read by the
// softphone bench): one JSON line per answered call, written off the answer's path.
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createCallTrace } from '../../../src/main/host/call-trace.js';

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

it('is off without a file', () => {
  expect(createCallTrace(undefined)).toBeNull();
});

it('writes the id, method and wall-clock times of each answered call on close', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sapa-trace-'));
  dirs.push(dir);
  const file = path.join(dir, 'calls.jsonl');
  const trace = createCallTrace(file)!;
  const before = performance.timeOrigin + performance.now();
  const answered = trace.received('{"id":42,"method":"customers.lookupByPhone","input":{"phone":"+6281234567890"}}');
  trace.received('not json')();
  expect(existsSync(file)).toBe(false); // buffered, not written on the call's path
  answered();
  trace.close();
  const lines = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  expect(lines).toHaveLength(2);
  expect(lines[0]).toMatchObject({ id: -1, method: null });
  expect(lines[1]).toMatchObject({ id: 42, method: 'customers.lookupByPhone' });
  const { receivedAt, answeredAt } = lines[1] as { receivedAt: number; answeredAt: number };
  expect(receivedAt).toBeGreaterThanOrEqual(before);
  expect(answeredAt).toBeGreaterThanOrEqual(receivedAt);
});
