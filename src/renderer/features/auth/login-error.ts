// Login failures are shown from their code; a lock-out or a rate limit names the time it lifts.
import { type Language } from '../../../shared/domain.js';
import { formatTime, formatDateTime } from '../../i18n/format.js';
import { type LoginFailure } from './store.js';

type Translate = (key: string, options?: Record<string, string>) => string;

/** Within the same day the time alone is clearer; otherwise include the date. */
function when(iso: string, language: Language, now: Date): string {
  const sameDay = new Date(iso).toDateString() === now.toDateString();
  return sameDay ? formatTime(iso, language) : formatDateTime(iso, language);
}

export function loginErrorMessage(failure: LoginFailure, t: Translate, language: Language, now = new Date()): string {
  switch (failure.code) {
    case 'BAD_CREDENTIALS':
    case 'OFFLINE':
    case 'INVALID_INPUT':
    case 'ACCOUNT_DISABLED':
      return t(`auth.errors.${failure.code}`);
    case 'LOCKED_OUT':
      return failure.until
        ? t('auth.errors.LOCKED_OUT', { until: when(failure.until, language, now) })
        : t('auth.errors.LOCKED_OUT_NO_TIME');
    // Too many sign-in requests from this computer or for this username (a minute's budget).
    case 'RATE_LIMITED':
      return failure.until
        ? t('auth.errors.RATE_LIMITED', { until: when(failure.until, language, now) })
        : t('auth.errors.RATE_LIMITED_NO_TIME');
    default:
      return t('auth.errors.other');
  }
}
