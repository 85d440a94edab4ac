// The catalogue and the customer screen's Products section (src/shared/sales/portfolio.ts).
import { type Db } from '../../db/db.js';
import { audit } from '../../auth/audit.js';
import { type RegisterRoute } from '../../http/route.js';
import { readPortfolio, sellOffer } from './customer-portfolio.js';
import { createProduct, listProducts, updateProduct } from './products.js';

export function registerPortfolioRoutes(register: RegisterRoute, db: Db): void {
  register('products.list', async () => ({ products: await listProducts(db) }));
  register('products.create', async ({ body, user }) => {
    const p = await createProduct(db, body, user.id);
    await audit(db, 'products.create', user.id, p.id, { code: p.code });
    return p;
  });
  register('products.update', async ({ params, body, user }) => {
    const p = await updateProduct(db, params.id, body, user.id);
    await audit(db, 'products.update', user.id, p.id, { code: p.code, active: p.active });
    return p;
  });
  register('portfolio.customer', async ({ params, user }) => readPortfolio(db, params.id, user.role));
  register('portfolio.sell', async ({ params, body, user }) => {
    const sold = await sellOffer(db, params.id, body, user);
    await audit(db, 'portfolio.sell', user.id, params.id, { kind: sold.kind, reference: sold.reference });
    return sold;
  });
}
