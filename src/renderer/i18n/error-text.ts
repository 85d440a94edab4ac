// What a screen says when a core call failed: the text of its error code (errors.* in the
// language files), or the general one for a code without its own text.
import { type TFunction } from 'i18next';
import { errorCodeOf } from '../platform/errors.js';

export function errorText(t: TFunction, error: unknown): string {
  return t(`errors.${errorCodeOf(error)}`, { defaultValue: t('errors.other') });
}
