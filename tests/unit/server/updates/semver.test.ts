// Version order as electron-updater's `semver` compares (semver.org §11).
import { describe, expect, it } from 'vitest';
import { compareVersions, isSemver } from '../../../../src/server/updates/semver.js';

describe('compareVersions', () => {
  it('orders versions as SemVer does, pre-releases below their release', () => {
    const sorted = ['1.0.0-alpha', '1.0.0-alpha.1', '1.0.0-alpha.beta', '1.0.0-beta', '1.0.0-beta.2', '1.0.0-beta.11', '1.0.0-rc.1', '1.0.0',
      '1.0.1', '1.2.0', '1.10.0', '2.0.0'];
    const shuffled = [...sorted].reverse();
    expect(shuffled.sort(compareVersions)).toEqual(sorted);
    expect(compareVersions('1.4.1', '1.4.1')).toBe(0);
  });

  it('accepts only plain versions', () => {
    for (const v of ['1.4', '01.4.0', 'v1.4.0', '1.4.0+build.5', '1.4.0 ', '', '1.4.0-']) expect(isSemver(v), v).toBe(false);
    expect(() => compareVersions('1.4', '1.4.0')).toThrow(/not a version/);
  });
});
