// What a beat says: a valid DesktopHeartbeat from this machine, the cache's size on disk,
// Electron/Chromium versions only in Electron, and an unusable last-sync time left out.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os, { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { cacheBytes, desktopFacts, osName } from '../../../../src/main/core/fleet/desktop-facts.js';
import { DesktopHeartbeat } from '../../../../src/shared/updates.js';

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'sapa-facts-'));
  dirs.push(dir);
  return dir;
};
const base = { installId: '0b7f3c2e-0000-4000-8000-000000000001', appVersion: '1.4.2', lastSyncAt: null, updateState: null };

describe('desktop facts', () => {
  it('describe this machine in a heartbeat the server accepts', () => {
    const dir = freshDir();
    const facts = desktopFacts({ ...base, dataDir: dir, host: 'browser', lastSyncAt: '2026-12-02T01:00:00.000Z' });
    expect(DesktopHeartbeat.parse(facts)).toEqual(facts);
    expect(facts).toMatchObject({
      machineName: os.hostname().slice(0, 120), appVersion: '1.4.2', os: osName(), electronVersion: null, chromeVersion: null,
      cacheBytes: null, lastSyncAt: '2026-12-02T01:00:00.000Z',
    });
  });

  it('count the cache database with its WAL and shared-memory files', () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'cache.sqlite'), Buffer.alloc(4096));
    writeFileSync(join(dir, 'cache.sqlite-wal'), Buffer.alloc(1000));
    writeFileSync(join(dir, 'other.bin'), Buffer.alloc(99_999));
    expect(cacheBytes(dir)).toBe(5096);
  });

  it('name the OS as the fleet view does', () => {
    expect([osName('win32'), osName('darwin'), osName('linux')]).toEqual(['windows', 'mac', 'linux']);
  });

  it('leave out a last-sync time that is not a timestamp rather than lose the beat', () => {
    const facts = desktopFacts({ ...base, dataDir: freshDir(), host: 'browser', lastSyncAt: 'yesterday' });
    expect(facts.lastSyncAt).toBeNull();
    expect(DesktopHeartbeat.safeParse(facts).success).toBe(true);
  });

  it('carry the updater\'s state as given', () => {
    const updateState = { phase: 'downloading' as const, version: '1.5.0', percent: 42, source: 'mirror.jkt.local', at: '2026-12-02T01:00:00.000Z' };
    const facts = desktopFacts({ ...base, dataDir: freshDir(), host: 'browser', updateState });
    expect(DesktopHeartbeat.parse(facts).updateState).toEqual(updateState);
  });
});
