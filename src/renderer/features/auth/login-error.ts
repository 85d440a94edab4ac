// Login failures are shown from their code; the lock-out message names the time it lifts.
import { type Language } from '../../../shared/domain.js';
import { formatTime, formatDateTime } from '../../i18n/format.js';
import { type LoginFailure } from './store.js';

type Translate = (key: string, options?: Record<string, string>) => string;

export function loginErrorMessage(failure: LoginFailure, t: Translate, language: Language, now = new Date()): string {
  switch (failure.code) {
    case 'BAD_CREDENTIALS':
    case 'OFFLINE':
    case 'INVALID_INPUT':
      return t(`auth.errors.${failure.code}`);
    case 'LOCKED_OUT': {
      if (!failure.until) return t('auth.errors.LOCKED_OUT_NO_TIME');
      const until = new Date(failure.until);
      // Within the same day the time alone is clearer; otherwise include the date.
      const sameDay = until.toDateString() === now.toDateString();
      const when = sameDay ? formatTime(failure.until, language) : formatDateTime(failure.until, language);
      return t('auth.errors.LOCKED_OUT', { until: when });
    }
    default:
      return t('auth.errors.other');
  }
}
