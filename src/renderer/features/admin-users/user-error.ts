// What the Users screen says when the server refused a change: a sentence in the screen's
// language chosen from the code and the field or rule the server named, then the server's
// own detail (which names the exact value, e.g. the unknown queue code).
import { type TFunction } from 'i18next';
import { errorCodeOf, errorDetailsOf } from '../../platform/errors.js';

export function userErrorText(t: TFunction, error: unknown): string {
  const code = errorCodeOf(error);
  const details = errorDetailsOf(error) as { field?: string; rule?: string } | string[] | undefined;
  const field = Array.isArray(details) ? undefined : details?.field;
  let key = `adminUsers.errors.${code}`;
  if (code === 'CONFLICT' && field === 'username') key = 'adminUsers.errors.usernameTaken';
  else if (code === 'CONFLICT' && field === 'extension') key = 'adminUsers.errors.extensionTaken';
  else if (code === 'CONFLICT' && !Array.isArray(details) && details?.rule === 'last_admin') key = 'adminUsers.errors.lastAdmin';
  else if (code === 'INVALID_INPUT' && (field === 'id' || field === 'role')) key = 'adminUsers.errors.self';
  const sentence = t(key, { defaultValue: t('errors.other') });
  const detail = Array.isArray(details) ? details.join('; ') : error instanceof Error ? error.message : '';
  return detail ? `${sentence}: ${detail}` : sentence;
}
