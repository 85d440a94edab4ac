// Customers and their 360 (interactions, cases, orders, receivables, contracts), users,
// the sync cursor, the session and settings.
import { type Migration } from './migration.js';

export const M0001_INITIAL: Migration = {
  name: '0001_initial',
  sql: `
CREATE TABLE customers (
  id TEXT PRIMARY KEY,
  customer_no TEXT NOT NULL,
  external_id TEXT,
  full_name TEXT NOT NULL,
  salutation TEXT,
  phones TEXT NOT NULL,          -- JSON array of {e164,type}
  emails TEXT NOT NULL,          -- JSON array of strings
  address TEXT,
  city TEXT,
  branch TEXT,
  language TEXT NOT NULL,
  segment TEXT,
  tier TEXT NOT NULL,
  vvip INTEGER NOT NULL,
  billing TEXT NOT NULL,
  lifecycle TEXT NOT NULL,
  customer_since TEXT,
  lifetime_value_idr INTEGER NOT NULL,
  version INTEGER NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX customers_customer_no ON customers(customer_no);

-- nsn = national significant number (+6281234567890 → 81234567890): exact lookup and
-- "nsn >= ? AND nsn < ?" prefix ranges both use this index.
CREATE TABLE customer_phones (
  nsn TEXT NOT NULL,
  e164 TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  PRIMARY KEY (nsn, customer_id)
) WITHOUT ROWID;
CREATE INDEX customer_phones_customer ON customer_phones(customer_id);

-- Written directly by the apply path (no triggers: faster bulk sync). rowid = customers.rowid.
CREATE VIRTUAL TABLE customers_fts USING fts5(
  full_name, emails, customer_no,
  content='', contentless_delete=1,
  prefix='2 3',
  tokenize='unicode61 remove_diacritics 2'
);

CREATE TABLE interactions (
  id TEXT PRIMARY KEY,
  customer_id TEXT NOT NULL,
  channel TEXT NOT NULL,
  direction TEXT NOT NULL,
  started_at TEXT NOT NULL,
  ended_at TEXT,
  agent_id TEXT,
  agent_name TEXT,
  subject TEXT,
  body TEXT,
  disposition TEXT,
  duration_sec INTEGER,
  recording_id TEXT,
  version INTEGER NOT NULL
);
CREATE INDEX interactions_timeline ON interactions(customer_id, started_at DESC, id DESC);

CREATE TABLE cases (
  id TEXT PRIMARY KEY,
  case_no TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  category TEXT NOT NULL,
  subject TEXT NOT NULL,
  priority TEXT NOT NULL,
  status TEXT NOT NULL,
  opened_at TEXT NOT NULL,
  sla_due_at TEXT NOT NULL,
  resolved_at TEXT,
  assignee_id TEXT,
  version INTEGER NOT NULL
);
CREATE INDEX cases_customer ON cases(customer_id, opened_at DESC);

CREATE TABLE orders (
  id TEXT PRIMARY KEY,
  order_no TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  product TEXT NOT NULL,
  amount_idr INTEGER NOT NULL,
  status TEXT NOT NULL,
  placed_at TEXT NOT NULL,
  status_history TEXT NOT NULL,  -- JSON array of {status, at}
  version INTEGER NOT NULL
);
CREATE INDEX orders_customer ON orders(customer_id, placed_at DESC);

CREATE TABLE receivables (
  id TEXT PRIMARY KEY,
  invoice_no TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  amount_idr INTEGER NOT NULL,
  paid_idr INTEGER NOT NULL,
  issued_at TEXT NOT NULL,
  due_date TEXT NOT NULL,
  status TEXT NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX receivables_customer ON receivables(customer_id, due_date DESC);

CREATE TABLE contracts (
  id TEXT PRIMARY KEY,
  contract_no TEXT NOT NULL,
  customer_id TEXT NOT NULL,
  product TEXT NOT NULL,
  start_date TEXT NOT NULL,
  end_date TEXT,
  monthly_fee_idr INTEGER NOT NULL,
  status TEXT NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX contracts_customer ON contracts(customer_id, start_date DESC);

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  username TEXT NOT NULL,
  display_name TEXT NOT NULL,
  role TEXT NOT NULL,
  version INTEGER NOT NULL
);

CREATE TABLE sync_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  cursor INTEGER NOT NULL,
  head_version INTEGER,
  last_sync_at TEXT
);
INSERT INTO sync_state (id, cursor) VALUES (1, 0);

CREATE TABLE session (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  token TEXT NOT NULL,
  user_json TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  server_url TEXT NOT NULL
);

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
`,
};
