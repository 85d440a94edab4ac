// Softphone pieces without a network: the recording spool's chunk rules, HTTP ranges,
// auth_ephemeral credentials, and how a wrap-up is built from a call.
import { createHmac } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../src/main/core/logger.js';
import { RecordingSpool } from '../../../src/main/core/recordings/spool.js';
import { parseRange } from '../../../src/server/recordings/range.js';
import { ephemeralCredentials } from '../../../src/server/sip/ephemeral.js';
import { CallWrapUp } from '../../../src/shared/softphone.js';
import { buildWrapUp } from '../../../src/renderer/features/wrapup/build.js';
import { type CallView } from '../../../src/renderer/features/softphone/store.js';
import { desktopKeyFor } from '../../support/desktop-key.js';

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });

describe('recording spool', () => {
  const id = '0193a5e0-0000-7000-8000-000000000001';
  const spool = () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'sapa-spool-'));
    dirs.push(dir);
    return { dir, spool: new RecordingSpool(dir, createLogger('test'), desktopKeyFor(dir)) };
  };

  it('appends chunks in order, ignores a repeated chunk, refuses a gap', () => {
    const { dir, spool: s } = spool();
    s.begin(id, 'audio/webm');
    expect(s.chunk(id, 0, Buffer.from('abc').toString('base64'))).toBe(3);
    expect(s.chunk(id, 0, Buffer.from('abc').toString('base64'))).toBe(3);
    expect(() => s.chunk(id, 2, Buffer.from('zz').toString('base64'))).toThrow(/before chunk 1/);
    expect(s.chunk(id, 1, Buffer.from('de').toString('base64'))).toBe(5);
    // Sealed at rest (one record per chunk), read back whole for the upload.
    expect(s.audio(id).toString('utf8')).toBe('abcde');
    expect(readFileSync(path.join(dir, 'recordings', `${id}.sealed`)).includes('abc')).toBe(false);
  });

  it('keeps a finished recording queued while there is no server, and refuses chunks after it', () => {
    const { dir, spool: s } = spool();
    s.begin(id, 'audio/webm');
    s.chunk(id, 0, Buffer.from('x').toString('base64'));
    expect(s.finish(id, 1000, [], null).state).toBe('queued');
    expect(() => s.chunk(id, 1, 'eA==')).toThrow(/already finished/);
    // A restarted core finds it again.
    const again = new RecordingSpool(dir, createLogger('test'), desktopKeyFor(dir));
    expect(again.status(id)).toMatchObject({ state: 'queued', spooledBytes: 1 });
    expect(again.pendingCount()).toBe(1);
    expect(() => again.status('0193a5e0-0000-7000-8000-00000000ffff')).toThrow(/No recording/);
  });
});

describe('HTTP ranges', () => {
  it.each([
    ['bytes=0-99', { start: 0, end: 99 }],
    ['bytes=900-', { start: 900, end: 999 }],
    ['bytes=-100', { start: 900, end: 999 }],
    ['bytes=990-2000', { start: 990, end: 999 }],
    ['bytes=1000-', 'unsatisfiable'],
    ['bytes=5-1', 'unsatisfiable'],
    ['bytes=0-1,5-6', null],
    ['items=0-1', null],
  ] as const)('%s', (header, expected) => {
    expect(parseRange(header, 1000)).toEqual(expected);
  });
});

it('auth_ephemeral credentials are what Kamailio recomputes', () => {
  const { username, password } = ephemeralCredentials('s3cret-s3cret-s3cret', '1001', 1_800_000_000_000);
  expect(username).toBe('1800000000:1001');
  expect(password).toBe(createHmac('sha1', 's3cret-s3cret-s3cret').update('1800000000:1001').digest('base64'));
});

it('a wrap-up carries talk, hold and after-call-work seconds', () => {
  const call: CallView = {
    id: 'x', interactionId: '0190d5b8-0000-7000-8000-0000000000aa', direction: 'inbound', number: '081234567890', e164: '+6281234567890', callerVerified: true, state: 'ended',
    pop: { status: 'looking' }, revealed: true, startedAt: 1_000_000, answeredAt: 1_005_000, endedAt: 1_125_000, held: false,
    holdPending: false, holdError: null, holdMs: 20_000, muted: false, dtmfSent: '', endReason: 'hangup',
    recording: 'off', recordingId: null, consultFor: null, transferState: 'none', mediaRecovering: false,
  };
  const w = buildWrapUp(call, {
    customerId: '00000000-0000-4000-8000-000000000001', disposition: 'resolved', notes: '  ok  ',
    followUp: '', savedAt: 1_155_000,
  });
  expect(CallWrapUp.parse(w)).toMatchObject({ talkSec: 100, holdSec: 20, acwSec: 30, notes: 'ok', followUpAt: null, number: '+6281234567890' });
  // The interaction keeps the id the call's events were recorded under.
  expect(w.id).toBe(call.interactionId);
});
