// What the Releases screen says when a call failed: a sentence in the user's language for the
// error code, with the server's own explanation after it (which file, which sha512, which
// version clashed) — IT needs that detail to fix the upload.
import { type TFunction } from 'i18next';
import { errorCodeOf } from '../../platform/errors.js';

const CODES = ['INVALID_INPUT', 'CONFLICT', 'NOT_FOUND', 'FORBIDDEN', 'TOO_LARGE', 'OFFLINE', 'UNAUTHENTICATED'] as const;

export function releaseError(t: TFunction, error: unknown): string {
  const code = errorCodeOf(error);
  const message = error instanceof Error ? error.message : typeof error === 'object' && error && 'message' in error ? String(error.message) : '';
  const key = (CODES as readonly string[]).includes(code) ? code : 'other';
  return t(`adminReleases.errors.${key}`, { message });
}
