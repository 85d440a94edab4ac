// A customer's holdings and the offers they are eligible for (eligibleOffers in
// src/shared/sales/portfolio.ts: tier, segment, what they hold, and what the caller's role may
// sell), and selling one: an order in the existing orders model (synced to the desktops that
// hold the customer, docs/orders-contracts.md) with a timeline event, or an opportunity.
import { type Role, type Tier } from '../../../shared/domain.js';
import { SapaError } from '../../../shared/errors.js';
import { type SessionUser } from '../../../shared/http.js';
import {
  type CustomerPortfolio, type Holding, type SellAnswer, type SellBody, eligibleOffers, ineligibility,
} from '../../../shared/sales/portfolio.js';
import { type Db } from '../../db/db.js';
import { withWriteTransaction } from '../../db/write-transaction.js';
import { createOpportunity } from './opportunity-port.js';
import { listProducts } from './products.js';

async function readCustomer(db: Db, id: string): Promise<{ tier: Tier; segment: string | null }> {
  const [c] = await db.query<{ tier: Tier; segment: string | null }>('SELECT tier, segment FROM customers WHERE id = $1', [id]);
  if (!c) throw new SapaError('NOT_FOUND', `No customer ${id}`);
  return c;
}

async function readHoldings(db: Db, customerId: string): Promise<Holding[]> {
  const rows = await db.query<{ id: string; product_id: string; code: string; name_id: string; name_en: string; category: string; since: string; status: 'active' | 'ended' }>(
    `SELECT h.id, h.product_id, p.code, p.name_id, p.name_en, p.category, to_char(h.since, 'YYYY-MM-DD') AS since, h.status
     FROM customer_holdings h JOIN products p ON p.id = h.product_id WHERE h.customer_id = $1 ORDER BY h.status, p.category, p.code`, [customerId]);
  return rows.map((r) => ({ id: r.id, productId: r.product_id, code: r.code, nameId: r.name_id, nameEn: r.name_en, category: r.category, since: r.since, status: r.status }));
}

const heldCodes = (holdings: readonly Holding[]) => new Set(holdings.filter((h) => h.status === 'active').map((h) => h.code));

export async function readPortfolio(db: Db, customerId: string, role: Role): Promise<CustomerPortfolio> {
  const customer = await readCustomer(db, customerId);
  const holdings = await readHoldings(db, customerId);
  return { holdings, offers: eligibleOffers(await listProducts(db, true), customer, heldCodes(holdings), role) };
}

export async function sellOffer(db: Db, customerId: string, sale: SellBody, user: SessionUser): Promise<SellAnswer> {
  return withWriteTransaction(db, async (tx) => {
    const customer = await readCustomer(tx, customerId);
    const [product] = (await listProducts(tx)).filter((p) => p.id === sale.productId);
    if (!product) throw new SapaError('NOT_FOUND', `No product ${sale.productId}`);
    const why = ineligibility(product, customer, heldCodes(await readHoldings(tx, customerId)), user.role);
    if (why) throw new SapaError(why === 'not_cs_sellable' ? 'FORBIDDEN' : 'CONFLICT', `${product.code} cannot be offered to this customer (${why.replace(/_/g, ' ')})`);
    const name = product.nameId;
    if (sale.as === 'opportunity') {
      const opp = await createOpportunity(tx, { customerId, productId: product.id, productCode: product.code, productName: name, valueIdr: product.priceIdr, note: sale.note, by: user });
      return { kind: 'opportunity', id: opp.id, reference: opp.reference, status: opp.status, amountIdr: product.priceIdr };
    }
    const id = crypto.randomUUID();
    const orderNo = `ORD-S${id.replace(/-/g, '').slice(-10).toUpperCase()}`;
    const now = new Date().toISOString();
    await tx.query(
      `INSERT INTO orders (id, order_no, customer_id, product, amount_idr, status, placed_at, status_history, source, updated_at)
       VALUES ($1, $2, $3, $4, $5, 'placed', $6, $7::jsonb, 'sapa_offer', now())`,
      [id, orderNo, customerId, name, product.priceIdr, now, JSON.stringify([{ status: 'placed', at: now }])]);
    await tx.query(
      `INSERT INTO interactions (id, customer_id, channel, direction, started_at, agent_id, agent_name, subject, body)
       VALUES ($1, $2, 'order', 'outbound', $3, $4, $5, $6, $7)`,
      [crypto.randomUUID(), customerId, now, user.id, user.displayName, `${orderNo} · ${product.code} ${name}`, sale.note || null]);
    return { kind: 'order', id, reference: orderNo, status: 'placed', amountIdr: product.priceIdr };
  });
}
