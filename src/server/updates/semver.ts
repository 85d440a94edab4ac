// Version order for releases: the `semver` package's, which is what electron-updater
// compares with (an update is offered only when the feed's version is greater than the
// running app's). Build metadata is not accepted (SEMVER_PATTERN): semver ignores it in
// precedence, so 1.4.0+a and 1.4.0+b would be two releases of the same version.
import semver from 'semver';
import { SEMVER_PATTERN } from '../../shared/releases-routes.js';

export function isSemver(value: string): boolean {
  return SEMVER_PATTERN.test(value);
}

/** -1, 0 or 1; throws on a string that is not a version. */
export function compareVersions(a: string, b: string): number {
  if (!isSemver(a) || !isSemver(b)) throw new Error(`not a version: ${isSemver(a) ? b : a}`);
  return semver.compare(a, b);
}
