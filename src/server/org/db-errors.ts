// Database refusals an admin can cause, as clear answers: a duplicate code is a 409, a
// reference to a row that does not exist a 400, a delete that a foreign key blocks a 409.
// The routes check first (a readable message); this catches the race between two admins.
import { SapaError } from '../../shared/errors.js';

const UNIQUE_VIOLATION = '23505';
const FOREIGN_KEY_VIOLATION = '23503';

export async function withDbRefusals<T>(what: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === UNIQUE_VIOLATION) throw new SapaError('CONFLICT', `${what} already exists`);
    if (code === FOREIGN_KEY_VIOLATION) throw new SapaError('CONFLICT', `${what} refers to, or is referred to by, another row`);
    throw error;
  }
}

/** Refuses a delete while something refers to the row; `refs` names what does, with a count. */
export function refuseIfReferenced(what: string, refs: Record<string, number>, hint: string): void {
  const using = Object.entries(refs).filter(([, n]) => n > 0);
  if (using.length === 0) return;
  throw new SapaError('CONFLICT', `${what} is in use (${using.map(([k, n]) => `${n} ${k}`).join(', ')}); ${hint}`,
    { references: Object.fromEntries(using) });
}
