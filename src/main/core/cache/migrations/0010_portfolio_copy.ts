// The customer screen's Products tab offline (docs/sales.md, "Portfolio"): the last answer
// the server gave this desktop's user for a customer's holdings and eligible offers, as JSON.
// Offers depend on the seller's role, so each copy is the user's. Replaced on every fetch;
// read only when the server cannot be reached. (Placeholder number: renumbered at merge.)
import { type Migration } from './migration.js';

export const M0010_PORTFOLIO_COPY: Migration = {
  name: '0010_portfolio_copy',
  sql: `
CREATE TABLE customer_portfolios (
  customer_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  data TEXT NOT NULL,
  fetched_at TEXT NOT NULL,
  PRIMARY KEY (customer_id, user_id)
);
`,
};
