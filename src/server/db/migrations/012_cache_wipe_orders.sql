-- An admin's order that a desktop wipe its local cache and recording spool (a lost or
-- stolen laptop, a desktop handed to someone else). Either one desktop, by the client id
-- its outbox pushes with, or every desktop a user is signed in on at the time of the order
-- (sessions created before ordered_at). Delivered when the desktop next pulls: it is told
-- to wipe, and that session is revoked. Rows are kept as the record of what was ordered.
CREATE TABLE cache_wipe_orders (
  id uuid PRIMARY KEY,
  user_id uuid REFERENCES users (id) ON DELETE CASCADE,
  client_id uuid,
  ordered_by uuid NOT NULL REFERENCES users (id),
  ordered_at timestamptz NOT NULL DEFAULT now(),
  delivered_at timestamptz,
  CHECK ((user_id IS NULL) <> (client_id IS NULL))
);
CREATE INDEX cache_wipe_orders_user ON cache_wipe_orders (user_id) WHERE user_id IS NOT NULL;
CREATE INDEX cache_wipe_orders_client ON cache_wipe_orders (client_id) WHERE client_id IS NOT NULL AND delivered_at IS NULL;
