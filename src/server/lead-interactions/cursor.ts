// The browser's keyset cursor: the last row's sort key and id, bound to the sort and order
// it was made for, as opaque base64url text. A cursor that does not parse, or was made for
// another sort, is bad input (400), never a guess.
import { z } from 'zod';
import { SapaError } from '../../shared/errors.js';
import { type InteractionSort } from '../../shared/lead-interactions.js';

const CursorBody = z.object({
  s: z.enum(['date', 'duration']),
  o: z.enum(['asc', 'desc']),
  /** date: the timestamp with microseconds (UTC, ISO); duration: whole seconds. */
  k: z.union([z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/), z.number().int().min(0).max(2_147_483_647)]),
  id: z.uuid(),
}).strict();
export type Cursor = z.infer<typeof CursorBody>;

export function encodeCursor(c: Cursor): string {
  return Buffer.from(JSON.stringify(c), 'utf8').toString('base64url');
}

export function decodeCursor(text: string, sort: InteractionSort, order: 'asc' | 'desc'): Cursor {
  const bad = (why: string) => new SapaError('INVALID_INPUT', 'Invalid query of GET /lead/interactions', { issues: [`cursor: ${why}`] });
  if (!/^[A-Za-z0-9_-]+$/.test(text)) throw bad('not a cursor this server gave');
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw bad('not a cursor this server gave');
  }
  const parsed = CursorBody.safeParse(body);
  if (!parsed.success) throw bad('not a cursor this server gave');
  const c = parsed.data;
  if (c.s !== sort || c.o !== order) throw bad(`made for sort=${c.s}&order=${c.o}; start again from the first page`);
  if ((sort === 'date') !== (typeof c.k === 'string')) throw bad('not a cursor this server gave');
  return c;
}
