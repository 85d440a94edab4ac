// The portfolio (docs/sales.md, "Portfolio"): the products and services catalogue, what each
// customer holds, and the offers a customer is eligible for — by tier, segment and what they
// already hold — so an agent can sell during a service call. `eligibleOffers` is the one rule,
// used by the server for the customer screen and by the sell route's check.
import { z } from 'zod';
import { type Role, Tier, TIERS, Timestamp, OrderStatus } from '../domain.js';
import { can } from '../permissions.js';

const Text = (max: number) => z.string().trim().max(max, `is longer than ${max} characters`);
export const PRODUCT_CODE_PATTERN = /^[A-Z0-9][A-Z0-9_-]{1,39}$/;
const Code = z.string().trim().toUpperCase().regex(PRODUCT_CODE_PATTERN, 'is not a product code (A–Z, 0–9, - and _, 2–40)');

export const ProductInput = z.object({
  code: Code,
  nameId: Text(200).min(1, 'a name in Bahasa Indonesia is needed'),
  nameEn: Text(200).min(1, 'a name in English is needed'),
  category: Text(60).min(1, 'a category is needed'),
  priceIdr: z.number().int('whole rupiah').min(0).max(1_000_000_000_000),
  active: z.boolean().default(true),
  /** Customer service (agents) may offer it on a service call; sales staff may sell anything active. */
  csSellable: z.boolean().default(false),
  /** Empty: every tier. */
  eligibleTiers: z.array(Tier).max(TIERS.length).default([]),
  /** Empty: every segment. */
  eligibleSegments: z.array(Text(50).min(1)).max(50).default([]),
  /** The customer must hold at least one of these (empty: no requirement). */
  requiresCodes: z.array(Code).max(50).default([]),
  /** The customer must hold none of these (a product never needs to exclude itself: a holding is never offered again). */
  excludesCodes: z.array(Code).max(50).default([]),
}).strict();
export type ProductInput = z.infer<typeof ProductInput>;

export const Product = ProductInput.extend({ id: z.uuid(), updatedAt: Timestamp });
export type Product = z.infer<typeof Product>;

export const Holding = z.object({
  id: z.uuid(), productId: z.uuid(), code: z.string(), nameId: z.string(), nameEn: z.string(), category: z.string(),
  since: z.string(), status: z.enum(['active', 'ended']),
});
export type Holding = z.infer<typeof Holding>;

export interface EligibilityCustomer { tier: Tier; segment: string | null }

/** Why a product is not offered (for tests and the catalogue screen's preview). */
export type Ineligible = 'inactive' | 'held' | 'tier' | 'segment' | 'requires' | 'excludes' | 'not_cs_sellable';

/**
 * Whether `product` may be offered to this customer by someone of `role`. Segments compare
 * case-insensitively; only active holdings count.
 */
export function ineligibility(
  product: ProductInput, customer: EligibilityCustomer, heldCodes: ReadonlySet<string>, role: Role,
): Ineligible | null {
  if (!product.active) return 'inactive';
  if (heldCodes.has(product.code)) return 'held';
  if (product.eligibleTiers.length > 0 && !product.eligibleTiers.includes(customer.tier)) return 'tier';
  if (product.eligibleSegments.length > 0) {
    const seg = (customer.segment ?? '').trim().toLowerCase();
    if (!product.eligibleSegments.some((s) => s.trim().toLowerCase() === seg)) return 'segment';
  }
  if (product.requiresCodes.length > 0 && !product.requiresCodes.some((c) => heldCodes.has(c))) return 'requires';
  if (product.excludesCodes.some((c) => heldCodes.has(c))) return 'excludes';
  if (!product.csSellable && !can(role, 'prospects.write')) return 'not_cs_sellable';
  return null;
}

export function eligibleOffers<P extends ProductInput>(
  products: readonly P[], customer: EligibilityCustomer, heldCodes: ReadonlySet<string>, role: Role,
): P[] {
  return products.filter((p) => ineligibility(p, customer, heldCodes, role) === null);
}

export const CustomerPortfolio = z.object({ holdings: z.array(Holding), offers: z.array(Product) });
export type CustomerPortfolio = z.infer<typeof CustomerPortfolio>;
/** The desktop's answer: offline, the copy last fetched (at `fetchedAt`) from this desktop's cache. */
export const DesktopPortfolio = CustomerPortfolio.extend({ offline: z.boolean(), fetchedAt: Timestamp.nullable() });

export const SellBody = z.object({
  productId: z.uuid(),
  /** An order now (the existing orders model); `opportunity` is the selling pipeline's (docs/sales.md). */
  as: z.enum(['order', 'opportunity']).default('order'),
  note: Text(2000).default(''),
}).strict();
export type SellBody = z.infer<typeof SellBody>;

export const SellAnswer = z.object({
  kind: z.enum(['order', 'opportunity']),
  id: z.uuid(),
  /** ORD-… for an order. */
  reference: z.string(),
  status: OrderStatus.or(z.string()),
  amountIdr: z.number().int(),
});
export type SellAnswer = z.infer<typeof SellAnswer>;

export const ProductList = z.object({ products: z.array(Product) });
const IdParams = z.object({ id: z.uuid() });

export const portfolioRoutes = {
  'products.list': { method: 'GET', path: '/sales/products', access: 'customers.read', answer: ProductList },
  'products.create': { method: 'POST', path: '/sales/products', access: 'products.manage', body: ProductInput, answer: Product },
  'products.update': { method: 'PUT', path: '/sales/products/:id', access: 'products.manage', params: IdParams, body: ProductInput, answer: Product },
  'portfolio.customer': { method: 'GET', path: '/customers/:id/portfolio', access: 'customers.read', params: IdParams, answer: CustomerPortfolio },
  'portfolio.sell': { method: 'POST', path: '/customers/:id/offers', access: 'offers.sell', params: IdParams, body: SellBody, answer: SellAnswer },
} as const;

export const portfolioMethods = {
  'sales.products.list': { input: z.object({}).strict(), output: ProductList },
  'sales.products.create': { input: ProductInput, output: Product },
  'sales.products.update': { input: z.object({ id: z.uuid(), product: ProductInput }).strict(), output: Product },
  'sales.portfolio.customer': { input: z.object({ customerId: z.uuid() }).strict(), output: DesktopPortfolio },
  'sales.portfolio.sell': { input: z.object({ customerId: z.uuid(), sale: SellBody }).strict(), output: SellAnswer },
} as const;
