-- Order requests (issue 15 item 2, docs/orders-contracts.md, decision 0027): an agent's note
-- or a customer's request on an order (reschedule to a wanted date, cancel, other). Each is a
-- task in the back office's work queue (status open → done, with who and a note) and is
-- offered to the order system through the integration API until it acknowledges it.
-- The id is chosen by the desktop (order.request goes through the outbox): a replay inserts
-- nothing. `event_id` is the customer's timeline event (interactions, channel 'order').
CREATE TABLE order_requests (
  id uuid PRIMARY KEY,
  order_id uuid NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  customer_id uuid NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('reschedule', 'cancel', 'other', 'note')),
  wanted_date date CHECK ((kind = 'reschedule') = (wanted_date IS NOT NULL)),
  body text NOT NULL DEFAULT '' CHECK (length(body) <= 2000),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
  event_id uuid NOT NULL,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  done_by uuid REFERENCES users (id) ON DELETE SET NULL,
  done_at timestamptz,
  done_note text CHECK (length(done_note) <= 2000),
  -- The order system took it (POST /integrations/order-requests/ack), with which key.
  acknowledged_at timestamptz,
  acknowledged_key uuid REFERENCES integration_keys (id) ON DELETE SET NULL,
  CHECK ((status = 'done') = (done_at IS NOT NULL))
);
-- The back office's queue and the order system's listing: open requests, oldest first.
CREATE INDEX order_requests_open ON order_requests (created_at, id) WHERE status = 'open';
CREATE INDEX order_requests_order ON order_requests (order_id, created_at DESC);

-- Renewals due for a sales owner: active contracts by owner and end date.
CREATE INDEX contracts_owner_renewal ON contracts (owner_username, end_date) WHERE status = 'active' AND end_date IS NOT NULL;
