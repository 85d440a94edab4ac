// Field sales offline (server migration 037, docs/sales.md, decision 0036): the rep's visit
// plan as last fetched (one JSON row per visit, with the count of its changes still in the
// outbox, which a fresh fetch does not overwrite), and the receipts spooled until uploaded
// (kept in this encrypted cache, never as loose files, and deleted once the server has them).
import { type Migration } from './migration.js';

export const M0009_FIELD_SALES: Migration = {
  name: '0009_field_sales',
  sql: `
CREATE TABLE sales_visits (
  id TEXT PRIMARY KEY,
  owner_id TEXT NOT NULL,
  planned_start TEXT NOT NULL,
  data TEXT NOT NULL,
  local_changes INTEGER NOT NULL DEFAULT 0,
  fetched_at TEXT NOT NULL
);
CREATE INDEX sales_visits_start ON sales_visits (owner_id, planned_start);
CREATE TABLE receipt_spool (
  id TEXT PRIMARY KEY,
  cost_id TEXT NOT NULL,
  author_id TEXT NOT NULL,
  media_type TEXT NOT NULL,
  content BLOB NOT NULL,
  created_at TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT
);
`,
};
