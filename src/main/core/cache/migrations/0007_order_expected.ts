// Orders carry the date the order system expects their next step (server migration 024):
// the customer screen shows it next to the status. Rows cached before this have NULL until
// the server's next version of the order comes back in a pull.
import { type Migration } from './migration.js';

export const M0007_ORDER_EXPECTED: Migration = {
  name: '0007_order_expected',
  sql: `
ALTER TABLE orders ADD COLUMN expected_at TEXT;
`,
};
