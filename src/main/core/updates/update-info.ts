// Reading the parts of a feed's update info that Sapa adds or relies on. The feed is
// electron-updater's latest.yml, parsed with js-yaml by electron-updater itself, so an
// unquoted timestamp arrives as a Date and a quoted one as a string: both are accepted.
import { type OfferedUpdate } from './port.js';

/** The extra key a mandatory (security) release carries in its yml. */
export const MANDATORY_AFTER_KEY = 'sapaMandatoryAfter';

/** The deadline of a mandatory update as an ISO string, or null (absent or not a date: ordinary). */
export function mandatoryAfterOf(info: object): string | null {
  const raw: unknown = (info as Record<string, unknown>)[MANDATORY_AFTER_KEY];
  const date = raw instanceof Date ? raw : typeof raw === 'string' ? new Date(raw) : null;
  return date && Number.isFinite(date.getTime()) ? date.toISOString() : null;
}

export function offeredUpdateOf(info: { version: string }): OfferedUpdate {
  return { version: String(info.version), mandatoryAfter: mandatoryAfterOf(info) };
}

/** The host (with port) a file URL names, relative ones resolved against the feed. */
export function sourceHostOf(fileUrl: string, feedUrl: string): string | null {
  try {
    return new URL(fileUrl, feedUrl).host || null;
  } catch {
    return null;
  }
}

/** One desktop's feed: electron-updater's generic provider reads `latest.yml` etc. under it. */
export function feedUrlFor(serverUrl: string, installId: string): string {
  return `${serverUrl.replace(/\/+$/, '')}/api/v1/updates/feed/${encodeURIComponent(installId)}/`;
}

/** The request header that names the version a desktop runs, on every feed request. */
export const APP_VERSION_HEADER = 'X-Sapa-App-Version';
