// Errors reach the renderer as thrown objects carrying a `code` (see src/shared/errors.ts).
// The UI translates codes, never messages, so it needs one safe way to read the code.
import { ERROR_CODES, SapaError, type ErrorCode } from '../../shared/errors.js';

export function toErrorCode(code: unknown): ErrorCode {
  return typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code)
    ? (code as ErrorCode)
    : 'INTERNAL';
}

/** Builds the Error a failed call rejects with, from a wire error body. */
export function errorFromWire(error: { code: string; message: string; details?: unknown }): SapaError {
  return new SapaError(toErrorCode(error.code), error.message, error.details);
}

/** Reads the code off anything thrown by `window.sapa.call` (IPC errors lose their class). */
export function errorCodeOf(error: unknown): ErrorCode {
  if (error && typeof error === 'object' && 'code' in error) return toErrorCode(error.code);
  return 'INTERNAL';
}

export function errorDetailsOf(error: unknown): unknown {
  return error && typeof error === 'object' && 'details' in error ? error.details : undefined;
}
