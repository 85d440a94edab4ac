// Notes and call-backs (synced), the outbox, conflicts answered by the server, recent
// sync errors and the client identity for exactly-once pushes.
import { type Migration } from './migration.js';

export const M0003_OUTBOX_NOTES_CALLBACKS: Migration = {
  name: 'sync-0001_outbox',
  sql: `
CREATE TABLE notes (
  id TEXT PRIMARY KEY,
  customer_id TEXT NOT NULL,
  interaction_id TEXT,
  body TEXT NOT NULL,
  author_id TEXT,
  author_name TEXT,
  created_at TEXT NOT NULL,
  version INTEGER NOT NULL          -- 0 = written locally, not yet back from the server
);
CREATE INDEX notes_customer ON notes(customer_id, created_at DESC);

CREATE TABLE callbacks (
  id TEXT PRIMARY KEY,
  customer_id TEXT NOT NULL,
  phone_e164 TEXT,
  due_at TEXT NOT NULL,
  note TEXT,
  assignee_id TEXT,
  status TEXT NOT NULL,
  created_by TEXT,
  created_at TEXT NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX callbacks_customer ON callbacks(customer_id, due_at);
CREATE INDEX callbacks_assignee ON callbacks(assignee_id, status, due_at);

-- seq keeps the order mutations were made in; they are pushed in that order.
-- state: pending → acked (ack_version set) → deleted once a pull reached ack_version;
--        or rejected (kept for the diagnostics panel until dismissed).
CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  args TEXT NOT NULL,
  base_versions TEXT NOT NULL,
  author_id TEXT NOT NULL,
  created_at TEXT NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending',
  ack_version INTEGER,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT
);
CREATE INDEX outbox_state ON outbox(state, seq);

CREATE TABLE sync_conflicts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  mutation_id TEXT NOT NULL,
  entity TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  field TEXT NOT NULL,
  your_value TEXT,
  server_value TEXT,
  at TEXT NOT NULL,
  dismissed INTEGER NOT NULL DEFAULT 0
);

-- Recent sync errors for the support panel (trimmed to the last 50).
CREATE TABLE sync_errors (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at TEXT NOT NULL,
  message TEXT NOT NULL
);

-- Client identity for exactly-once pushes: one per cache file.
CREATE TABLE sync_client (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  client_id TEXT NOT NULL
);
`,
};
