// The quality tables' triggers (migration 020_quality) refuse with their own SQLSTATEs;
// the handlers check first and say so clearly, and these catch the race between two users
// (a version edited while its first evaluation is saved, a dispute sent twice at once).
import { SapaError } from '../../shared/errors.js';

const UNIQUE_VIOLATION = '23505';
const CODES: Record<string, 'CONFLICT' | 'INVALID_INPUT' | 'FORBIDDEN'> = { QF409: 'CONFLICT', QF400: 'INVALID_INPUT', QF403: 'FORBIDDEN' };

export async function withQualityRefusals<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    const { code, message } = error as { code?: unknown; message?: unknown };
    const mapped = typeof code === 'string' ? CODES[code] : undefined;
    if (mapped) throw new SapaError(mapped, typeof message === 'string' ? message : what);
    if (code === UNIQUE_VIOLATION) throw new SapaError('CONFLICT', `${what} already exists`);
    throw error;
  }
}
