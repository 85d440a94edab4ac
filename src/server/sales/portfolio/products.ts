// The products and services catalogue (src/shared/sales/portfolio.ts): read by everyone
// signed in (the customer screen's offers), written by sales managers and admins.
import { SapaError } from '../../../shared/errors.js';
import { type Product, type ProductInput } from '../../../shared/sales/portfolio.js';
import { type Db } from '../../db/db.js';

export interface ProductRow {
  id: string; code: string; name_id: string; name_en: string; category: string; price_idr: string | number; active: boolean;
  cs_sellable: boolean; eligible_tiers: string[]; eligible_segments: string[]; requires_codes: string[]; excludes_codes: string[];
  updated_at: Date;
}

export const toProduct = (r: ProductRow): Product => ({
  id: r.id, code: r.code, nameId: r.name_id, nameEn: r.name_en, category: r.category, priceIdr: Number(r.price_idr), active: r.active,
  csSellable: r.cs_sellable, eligibleTiers: r.eligible_tiers as Product['eligibleTiers'], eligibleSegments: r.eligible_segments,
  requiresCodes: r.requires_codes, excludesCodes: r.excludes_codes, updatedAt: r.updated_at.toISOString(),
});

export async function listProducts(db: Db, onlyActive = false): Promise<Product[]> {
  const rows = await db.query<ProductRow>(`SELECT * FROM products ${onlyActive ? 'WHERE active' : ''} ORDER BY category, code LIMIT 2000`);
  return rows.map(toProduct);
}

/** Codes a product names in requires/excludes must be in the catalogue (a typo would make it never offered). */
async function checkReferences(db: Db, p: ProductInput): Promise<void> {
  const named = [...new Set([...p.requiresCodes, ...p.excludesCodes])].filter((c) => c !== p.code);
  if (p.requiresCodes.includes(p.code)) throw new SapaError('INVALID_INPUT', `${p.code} cannot require itself`);
  if (named.length === 0) return;
  const known = await db.query<{ code: string }>('SELECT code FROM products WHERE code = ANY($1::text[])', [named]);
  const missing = named.filter((c) => !known.some((k) => k.code === c));
  if (missing.length > 0) throw new SapaError('INVALID_INPUT', `requiresCodes/excludesCodes: no product ${missing.join(', ')} in the catalogue`);
}

const VALUES = (p: ProductInput) => [p.code, p.nameId, p.nameEn, p.category, p.priceIdr, p.active, p.csSellable, p.eligibleTiers,
  p.eligibleSegments, p.requiresCodes, p.excludesCodes];

export async function createProduct(db: Db, p: ProductInput, actorId: string): Promise<Product> {
  await checkReferences(db, p);
  const [dup] = await db.query<{ id: string }>('SELECT id FROM products WHERE code = $1', [p.code]);
  if (dup) throw new SapaError('CONFLICT', `A product with the code ${p.code} exists already`);
  const [row] = await db.query<ProductRow>(
    `INSERT INTO products (id, code, name_id, name_en, category, price_idr, active, cs_sellable, eligible_tiers, eligible_segments,
       requires_codes, excludes_codes, updated_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::text[], $10::text[], $11::text[], $12::text[], $13)
     RETURNING *`, [crypto.randomUUID(), ...VALUES(p), actorId]);
  if (!row) throw new SapaError('INTERNAL', 'The product was not written');
  return toProduct(row);
}

export async function updateProduct(db: Db, id: string, p: ProductInput, actorId: string): Promise<Product> {
  await checkReferences(db, p);
  const [dup] = await db.query<{ id: string }>('SELECT id FROM products WHERE code = $1 AND id <> $2', [p.code, id]);
  if (dup) throw new SapaError('CONFLICT', `Another product has the code ${p.code}`);
  const [row] = await db.query<ProductRow>(
    `UPDATE products SET code = $2, name_id = $3, name_en = $4, category = $5, price_idr = $6, active = $7, cs_sellable = $8,
       eligible_tiers = $9::text[], eligible_segments = $10::text[], requires_codes = $11::text[], excludes_codes = $12::text[],
       updated_by = $13, updated_at = now() WHERE id = $1 RETURNING *`, [id, ...VALUES(p), actorId]);
  if (!row) throw new SapaError('NOT_FOUND', `No product ${id}`);
  return toProduct(row);
}
