// An opportunity's products are lines of the catalogue (the portfolio's products table), not
// free text: a code that is not in the catalogue, or is no longer sold, is refused with its
// name so the rep can correct it (docs/sales.md, "Selling process"). A code listed twice is
// refused too (say the quantity instead).
import { SapaError } from '../../shared/errors.js';
import { type ProductLine } from '../../shared/pipeline.js';
import { type Db } from '../db/db.js';

export async function checkCatalogueLines(db: Db, lines: readonly ProductLine[]): Promise<void> {
  if (lines.length === 0) return;
  const codes = lines.map((l) => l.code);
  const twice = codes.find((c, i) => codes.indexOf(c) !== i);
  if (twice) throw new SapaError('INVALID_INPUT', `products: ${twice} is listed twice; give its quantity instead`);
  const found = await db.query<{ code: string; active: boolean }>('SELECT code, active FROM products WHERE code = ANY($1::text[])', [codes]);
  const byCode = new Map(found.map((p) => [p.code, p.active]));
  const unknown = codes.filter((c) => !byCode.has(c));
  if (unknown.length > 0) throw new SapaError('INVALID_INPUT', `products: there is no product ${unknown.join(', ')} in the catalogue`);
  const inactive = codes.filter((c) => byCode.get(c) === false);
  if (inactive.length > 0) throw new SapaError('INVALID_INPUT', `products: ${inactive.join(', ')} is no longer sold (inactive in the catalogue)`);
}
