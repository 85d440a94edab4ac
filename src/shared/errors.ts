// One error shape for every boundary (HTTP, desktop API). `code` is stable and
// machine-readable; the renderer translates it, `message` is for logs and support.
import { z } from 'zod';

export const ERROR_CODES = [
  'INVALID_INPUT', // input failed validation; `details` lists the problems
  'BAD_CREDENTIALS', // wrong username or password
  'LOCKED_OUT', // too many failed logins; `details.until` says when it lifts
  'RATE_LIMITED', // too many sign-in requests from this address or for this account; `details.until`
  'WEAK_PASSWORD', // a new password breaks the policy; `details.problems` (shared/password-policy.ts)
  'ACCOUNT_DISABLED', // the right password, but an admin disabled the account
  'UNAUTHENTICATED', // no session, or it expired
  'FORBIDDEN', // the role may not do this
  'NOT_FOUND',
  'CONFLICT',
  'TOO_LARGE',
  'THROTTLED', // too many customers opened outside the working set this hour; `details.limit`
  'OFFLINE', // the server cannot be reached
  'WIPE_ORDERED', // an admin ordered this desktop's cache wiped: wipe it and sign out
  'INTERNAL',
] as const;
export const ErrorCode = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCode>;

export const ApiErrorBody = z.object({
  code: ErrorCode,
  message: z.string(),
  details: z.unknown().optional(),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;

export class SapaError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;
  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'SapaError';
    this.code = code;
    this.details = details;
  }
  toBody(): ApiErrorBody {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

/** Turns a zod failure into a short list a person can read. */
export function describeZodIssues(error: z.ZodError): string[] {
  return error.issues.slice(0, 20).map((i) => `${i.path.join('.') || '(input)'}: ${i.message}`);
}
