// The demo catalogue (docs/sales.md, "Portfolio"): a few internet, TV and care products with
// eligibility rules, and Budi holding Fiber 100, so the customer screen's Products tab has
// holdings and offers in a demo (an agent sees the set-top box and priority care for him).
import { type Db } from '../db/db.js';
import { BUDI } from './budi.js';

interface DemoProduct {
  code: string; nameId: string; nameEn: string; category: string; priceIdr: number; csSellable: boolean;
  tiers?: string[]; segments?: string[]; requires?: string[]; excludes?: string[];
}

export const DEMO_PRODUCTS: readonly DemoProduct[] = [
  { code: 'FIBER-30', nameId: 'Internet Fiber 30 Mbps', nameEn: 'Fibre internet 30 Mbps', category: 'internet', priceIdr: 250_000, csSellable: true, excludes: ['FIBER-100'] },
  { code: 'FIBER-100', nameId: 'Internet Fiber 100 Mbps', nameEn: 'Fibre internet 100 Mbps', category: 'internet', priceIdr: 450_000, csSellable: true, excludes: ['FIBER-30'] },
  { code: 'STB-4K', nameId: 'Set-top box 4K', nameEn: '4K set-top box', category: 'tv', priceIdr: 99_000, csSellable: true, requires: ['FIBER-30', 'FIBER-100'] },
  { code: 'TV-PREMIUM', nameId: 'Paket TV Premium', nameEn: 'Premium TV package', category: 'tv', priceIdr: 175_000, csSellable: false, tiers: ['gold', 'platinum'], requires: ['STB-4K'] },
  { code: 'BIZ-DEDICATED', nameId: 'Internet Dedicated Bisnis', nameEn: 'Dedicated business internet', category: 'internet', priceIdr: 3_500_000, csSellable: false, segments: ['business'] },
  { code: 'CARE-PLUS', nameId: 'Layanan Prioritas', nameEn: 'Priority care', category: 'care', priceIdr: 50_000, csSellable: true, tiers: ['platinum'] },
];

export async function seedProducts(tx: Db, withBudi: boolean): Promise<void> {
  for (const p of DEMO_PRODUCTS) {
    await tx.query(
      `INSERT INTO products (id, code, name_id, name_en, category, price_idr, cs_sellable, eligible_tiers, eligible_segments, requires_codes, excludes_codes)
       VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7::text[], $8::text[], $9::text[], $10::text[]) ON CONFLICT (code) DO NOTHING`,
      [p.code, p.nameId, p.nameEn, p.category, p.priceIdr, p.csSellable, p.tiers ?? [], p.segments ?? [], p.requires ?? [], p.excludes ?? []]);
  }
  if (withBudi) {
    await tx.query(
      `INSERT INTO customer_holdings (id, customer_id, product_id, since)
       SELECT gen_random_uuid(), $1, id, date '2021-03-01' FROM products WHERE code = 'FIBER-100' ON CONFLICT DO NOTHING`, [BUDI.id]);
  }
}
