// Which ring takes a desktop: explicit ids, sites, teams, then a stable percentage.
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { bucketOf, ringOf, type RingRule } from '../../../../src/server/updates/ring-membership.js';

const ring = (name: string, position: number, over: Partial<RingRule> = {}): RingRule => ({
  id: randomUUID(), name, position, site_codes: [], team_ids: [], install_ids: [], percent: 0, ...over,
});

describe('ring membership', () => {
  const ids = Array.from({ length: 4000 }, () => randomUUID());

  it('puts a desktop in the first ring that names it, its site or its team', () => {
    const team = randomUUID();
    const me = ids[0]!;
    const rings = [ring('pilot', 1, { install_ids: [me.toUpperCase()] }), ring('jakarta', 2, { site_codes: ['jkt'] }), ring('team', 3, { team_ids: [team] })];
    expect(ringOf(rings, { installId: me, siteCode: 'jkt', teamId: team })?.name).toBe('pilot');
    expect(ringOf(rings, { installId: ids[1]!, siteCode: 'jkt', teamId: team })?.name).toBe('jakarta');
    expect(ringOf(rings, { installId: ids[1]!, siteCode: 'ygy', teamId: team })?.name).toBe('team');
    expect(ringOf(rings, { installId: ids[1]!, siteCode: null, teamId: null })).toBeNull();
  });

  it('takes about the given percentage, and raising it only adds desktops', () => {
    const ten = ring('wave', 1, { percent: 10 });
    const thirty = { ...ten, percent: 30 };
    const at10 = ids.filter((id) => ringOf([ten], { installId: id, siteCode: null, teamId: null }));
    const at30 = ids.filter((id) => ringOf([thirty], { installId: id, siteCode: null, teamId: null }));
    expect(at10.length / ids.length).toBeGreaterThan(0.07);
    expect(at10.length / ids.length).toBeLessThan(0.13);
    expect(at30.length / ids.length).toBeGreaterThan(0.26);
    expect(at10.every((id) => at30.includes(id))).toBe(true);
    expect(ids.every((id) => ringOf([ring('all', 1, { percent: 100 })], { installId: id, siteCode: null, teamId: null }))).toBe(true);
  });

  it('hashes an install id the same whatever its case, to 0 … 9999', () => {
    const id = ids[2]!;
    expect(bucketOf(id)).toBe(bucketOf(id.toUpperCase()));
    expect(ids.every((x) => bucketOf(x) >= 0 && bucketOf(x) < 10_000)).toBe(true);
  });

  it('a percentage ring after the pilot takes only from the desktops the pilot left', () => {
    const pilotIds = ids.slice(0, 50);
    const rings = [ring('pilot', 1, { install_ids: pilotIds }), ring('everyone', 2, { percent: 100 })];
    expect(pilotIds.every((id) => ringOf(rings, { installId: id, siteCode: null, teamId: null })?.name === 'pilot')).toBe(true);
    expect(ids.slice(50).every((id) => ringOf(rings, { installId: id, siteCode: null, teamId: null })?.name === 'everyone')).toBe(true);
  });
});
