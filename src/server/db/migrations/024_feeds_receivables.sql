-- Feeds from the systems of record (issue 15, docs/integrations.md): per-system API keys,
-- the fields the integration API writes on orders, receivables (invoices) and contracts,
-- collectors' promises to pay, and the index of the collectors' ageing worklist.
-- Orders, receivables and contracts keep their version trigger (001): a feed write that
-- changes a row bumps its version and desktops pull it; an identical write changes nothing.

-- One key per external system. Only the SHA-256 of the key is stored (the key is 32 random
-- bytes, shown once at creation); `prefix` (the key's first characters) names it in lists.
CREATE TABLE integration_keys (
  id uuid PRIMARY KEY,
  name text NOT NULL,
  prefix text NOT NULL,
  key_hash text NOT NULL UNIQUE,
  -- What the key may write: any of 'orders', 'invoices', 'contracts'.
  scopes text[] NOT NULL CHECK (scopes <@ ARRAY['orders', 'invoices', 'contracts']::text[] AND cardinality(scopes) > 0),
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  revoked_by uuid REFERENCES users (id) ON DELETE SET NULL,
  last_used_at timestamptz
);

-- Orders: the date the system of record expects the next step, and who wrote the row last.
ALTER TABLE orders ADD COLUMN expected_at timestamptz;
ALTER TABLE orders ADD COLUMN source text;
ALTER TABLE orders ADD COLUMN updated_at timestamptz;

-- Invoices: their payments ([{ref, amountIdr, paidAt}], partial payments sum to paid_idr).
ALTER TABLE receivables ADD COLUMN payments jsonb NOT NULL DEFAULT '[]';
ALTER TABLE receivables ADD COLUMN source text;
ALTER TABLE receivables ADD COLUMN updated_at timestamptz;

-- Contracts: the total value and the account's sales owner (renewals are listed for them).
ALTER TABLE contracts ADD COLUMN value_idr bigint;
ALTER TABLE contracts ADD COLUMN owner_username text;
ALTER TABLE contracts ADD COLUMN source text;
ALTER TABLE contracts ADD COLUMN updated_at timestamptz;
CREATE INDEX contracts_renewal ON contracts (end_date, id) WHERE status = 'active' AND end_date IS NOT NULL;

-- The collectors' worklist: open invoices, most overdue first, keyset-paged on (due_date, id).
CREATE INDEX receivables_worklist ON receivables (due_date, id) WHERE paid_idr < amount_idr;

-- A promise to pay: the customer says they will pay this invoice by `promised_date`; the
-- call-back it made (callbacks, 002) becomes a call-back task on that day.
CREATE TABLE payment_promises (
  id uuid PRIMARY KEY,
  receivable_id uuid NOT NULL REFERENCES receivables (id) ON DELETE CASCADE,
  customer_id uuid NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  promised_date date NOT NULL,
  amount_idr bigint NOT NULL CHECK (amount_idr > 0),
  note text,
  callback_id uuid REFERENCES callbacks (id) ON DELETE SET NULL,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payment_promises_receivable ON payment_promises (receivable_id, created_at DESC);
