// Which failures of one pushed mutation are final (a "poison" mutation: the same args
// would fail the same way on every retry) and which are the server's trouble (retry).
//
// Final: a SapaError a handler threw (unknown customer, bad args…), and a database error
// of SQLSTATE class 22 (data exception: a timestamp or text PostgreSQL cannot store) or
// 23 (integrity constraint violation). Such a mutation is refused on its own: its savepoint
// is rolled back, the refusal is recorded and answered, the rest of the batch goes on.
// Anything else — connection lost, statement timeout, serialisation failure, a bug — is
// not the mutation's fault: the whole push fails and the desktop retries it unchanged.
// See docs/decisions/0011-poison-mutations.md.
import { SapaError } from '../../shared/errors.js';
import { type PushResult } from '../../shared/sync.js';

type Refusal = NonNullable<PushResult['error']>;

function sqlState(error: unknown): string | null {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : null;
}

/** The answer for a mutation refused for good, or null when the push must fail and be retried. */
export function refusalOf(error: unknown): Refusal | null {
  if (error instanceof SapaError) return { code: error.code, message: error.message };
  const state = sqlState(error);
  const message = error instanceof Error ? error.message : String(error);
  if (state?.startsWith('22')) return { code: 'INVALID_INPUT', message: `The database refused a value (${state}): ${message}` };
  if (state?.startsWith('23')) return { code: 'CONFLICT', message: `The change breaks a database rule (${state}): ${message}` };
  return null;
}
