// How the fleet view words time and size: "last seen" relative to the server's clock (an
// admin's own clock may be off), the online/recent/stale band it falls in (the same
// thresholds as the server's filter), and cache sizes in MB/GB.
import { type Language } from '../../../shared/domain.js';
import { type LastSeen, ONLINE_SECONDS, STALE_SECONDS } from '../../../shared/fleet.js';
import { formatNumber, localeTag } from '../../i18n/format.js';

export function lastSeenBand(lastSeenAt: string, nowMs: number): LastSeen {
  const ageSeconds = (nowMs - Date.parse(lastSeenAt)) / 1000;
  if (ageSeconds < ONLINE_SECONDS) return 'online';
  return ageSeconds >= STALE_SECONDS ? 'stale' : 'recent';
}

/** "just now", "5 minutes ago", "3 hours ago", "2 days ago" (or "baru saja", "5 menit yang lalu" …). */
export function relativeSince(iso: string, nowMs: number, language: Language): string {
  const seconds = Math.max(0, Math.round((nowMs - Date.parse(iso)) / 1000));
  const rtf = new Intl.RelativeTimeFormat(localeTag(language), { numeric: 'auto' });
  if (seconds < 45) return rtf.format(0, 'second');
  if (seconds < 3_600) return rtf.format(-Math.max(1, Math.round(seconds / 60)), 'minute');
  if (seconds < 86_400) return rtf.format(-Math.round(seconds / 3_600), 'hour');
  return rtf.format(-Math.round(seconds / 86_400), 'day');
}

export function formatBytes(bytes: number, language: Language): string {
  if (bytes >= 1024 ** 3) return `${formatNumber(Math.round((bytes / 1024 ** 3) * 10) / 10, language)} GB`;
  if (bytes >= 1024 ** 2) return `${formatNumber(Math.round(bytes / 1024 ** 2), language)} MB`;
  return `${formatNumber(Math.ceil(bytes / 1024), language)} KB`;
}
