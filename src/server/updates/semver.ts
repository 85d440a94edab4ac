// SemVer 2.0 precedence (semver.org §11), the order electron-updater compares versions in
// (it uses the `semver` package: an update is offered only when the feed's version is
// greater than the running app's). Build metadata is not accepted (SEMVER_PATTERN).
import { SEMVER_PATTERN } from '../../shared/releases-routes.js';

export function isSemver(value: string): boolean {
  return SEMVER_PATTERN.test(value);
}

function identifiers(pre: string | undefined): string[] {
  return pre ? pre.split('.') : [];
}

function comparePre(a: string[], b: string[]): number {
  // A version without a pre-release is higher than one with (1.0.0 > 1.0.0-rc.1).
  if (a.length === 0 || b.length === 0) return (a.length === 0 ? 1 : 0) - (b.length === 0 ? 1 : 0);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const xn = /^\d+$/.test(x);
    const yn = /^\d+$/.test(y);
    if (xn && yn) {
      const d = Number(x) - Number(y);
      if (d !== 0) return Math.sign(d);
    } else if (xn !== yn) {
      return xn ? -1 : 1; // numeric identifiers sort below alphanumeric ones
    } else if (x !== y) {
      return x < y ? -1 : 1;
    }
  }
  return 0;
}

/** -1, 0 or 1; throws on a string that is not a version. */
export function compareVersions(a: string, b: string): number {
  const ma = SEMVER_PATTERN.exec(a);
  const mb = SEMVER_PATTERN.exec(b);
  if (!ma || !mb) throw new Error(`not a version: ${ma ? b : a}`);
  for (let i = 1; i <= 3; i++) {
    const d = Number(ma[i]) - Number(mb[i]);
    if (d !== 0) return Math.sign(d);
  }
  return comparePre(identifiers(ma[4]), identifiers(mb[4]));
}
