-- Sync issue: notes and call-backs (appends, synced), exactly-once push bookkeeping,
-- conflicts, and a NOTIFY on every synced write so other server instances poke their
-- desktops (see docs/decisions/0004-outbox-and-live-pokes.md).

CREATE TABLE notes (
  id uuid PRIMARY KEY,
  customer_id uuid NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  interaction_id uuid,
  body text NOT NULL,
  author_id uuid,
  author_name text,
  created_at timestamptz NOT NULL,
  version bigint NOT NULL DEFAULT 0
);
CREATE INDEX notes_version ON notes (version);
CREATE INDEX notes_customer ON notes (customer_id, created_at DESC);

CREATE TABLE callbacks (
  id uuid PRIMARY KEY,
  customer_id uuid NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  phone_e164 text,
  due_at timestamptz NOT NULL,
  note text,
  assignee_id uuid,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done', 'cancelled')),
  created_by uuid,
  created_at timestamptz NOT NULL,
  version bigint NOT NULL DEFAULT 0
);
CREATE INDEX callbacks_version ON callbacks (version);
CREATE INDEX callbacks_customer ON callbacks (customer_id, due_at);

CREATE TRIGGER notes_version BEFORE INSERT OR UPDATE ON notes FOR EACH ROW EXECUTE FUNCTION sapa_stamp_version();
CREATE TRIGGER callbacks_version BEFORE INSERT OR UPDATE ON callbacks FOR EACH ROW EXECUTE FUNCTION sapa_stamp_version();
CREATE TRIGGER notes_tombstone AFTER DELETE ON notes FOR EACH ROW EXECUTE FUNCTION sapa_tombstone();
CREATE TRIGGER callbacks_tombstone AFTER DELETE ON callbacks FOR EACH ROW EXECUTE FUNCTION sapa_tombstone();

-- One row per (client, mutation): a replayed push answers this row again instead of
-- applying twice. `result` is the answer sent the first time (status, conflicts, error).
CREATE TABLE applied_mutations (
  client_id uuid NOT NULL,
  mutation_id uuid NOT NULL,
  user_id uuid NOT NULL,
  name text NOT NULL,
  version bigint NOT NULL,
  result jsonb NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (client_id, mutation_id)
);
CREATE INDEX applied_mutations_at ON applied_mutations (applied_at);

-- Customers a user's desktop asked to replicate (opened, looked up); the pull with
-- scope=working serves these plus the rule-based ones (assigned cases and call-backs,
-- the agent's own recent contacts).
CREATE TABLE working_sets (
  user_id uuid NOT NULL,
  customer_id uuid NOT NULL,
  added_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, customer_id)
);

-- Field edits that lost against a newer value (kept for support and reports).
CREATE TABLE sync_conflicts (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  user_id uuid NOT NULL,
  mutation_id uuid NOT NULL,
  entity text NOT NULL,
  entity_id uuid NOT NULL,
  field text NOT NULL,
  your_value jsonb,
  server_value jsonb
);

-- Statement-level, so a bulk import sends one notification, and NOTIFY folds identical
-- payloads within a transaction. Delivered at commit only.
CREATE FUNCTION sapa_notify_sync() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('sapa_sync', '');
  RETURN NULL;
END $$;

CREATE TRIGGER users_notify AFTER INSERT OR UPDATE OR DELETE ON users FOR EACH STATEMENT EXECUTE FUNCTION sapa_notify_sync();
CREATE TRIGGER customers_notify AFTER INSERT OR UPDATE OR DELETE ON customers FOR EACH STATEMENT EXECUTE FUNCTION sapa_notify_sync();
CREATE TRIGGER interactions_notify AFTER INSERT OR UPDATE OR DELETE ON interactions FOR EACH STATEMENT EXECUTE FUNCTION sapa_notify_sync();
CREATE TRIGGER cases_notify AFTER INSERT OR UPDATE OR DELETE ON cases FOR EACH STATEMENT EXECUTE FUNCTION sapa_notify_sync();
CREATE TRIGGER orders_notify AFTER INSERT OR UPDATE OR DELETE ON orders FOR EACH STATEMENT EXECUTE FUNCTION sapa_notify_sync();
CREATE TRIGGER receivables_notify AFTER INSERT OR UPDATE OR DELETE ON receivables FOR EACH STATEMENT EXECUTE FUNCTION sapa_notify_sync();
CREATE TRIGGER contracts_notify AFTER INSERT OR UPDATE OR DELETE ON contracts FOR EACH STATEMENT EXECUTE FUNCTION sapa_notify_sync();
CREATE TRIGGER notes_notify AFTER INSERT OR UPDATE OR DELETE ON notes FOR EACH STATEMENT EXECUTE FUNCTION sapa_notify_sync();
CREATE TRIGGER callbacks_notify AFTER INSERT OR UPDATE OR DELETE ON callbacks FOR EACH STATEMENT EXECUTE FUNCTION sapa_notify_sync();
