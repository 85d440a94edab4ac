-- Sapa central schema, part 1: users, sessions, customers and what hangs off them.
-- Every synced table carries `version`, stamped by trigger from ONE sequence while the
-- transaction holds the global write lock (see docs/decisions/0002-sync-versions.md).

CREATE SEQUENCE sync_version_seq;
CREATE SEQUENCE customer_no_seq;

-- Takes the global write lock (re-entrant, held to commit) and a fresh version. Because the
-- lock is released only after the commit is visible, versions become visible in order.
CREATE FUNCTION sapa_stamp_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(7041964);
  NEW.version := nextval('sync_version_seq');
  RETURN NEW;
END $$;

CREATE FUNCTION sapa_tombstone() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_advisory_xact_lock(7041964);
  INSERT INTO tombstones (table_name, id, version)
    VALUES (TG_TABLE_NAME, OLD.id, nextval('sync_version_seq'))
    ON CONFLICT (table_name, id) DO UPDATE SET version = EXCLUDED.version;
  RETURN OLD;
END $$;

CREATE TABLE tombstones (
  table_name text NOT NULL,
  id uuid NOT NULL,
  version bigint NOT NULL,
  PRIMARY KEY (table_name, id)
);
CREATE INDEX tombstones_version ON tombstones (version);

CREATE TABLE users (
  id uuid PRIMARY KEY,
  username text NOT NULL UNIQUE,
  display_name text NOT NULL,
  role text NOT NULL CHECK (role IN ('agent', 'lead', 'admin')),
  password_hash text NOT NULL,
  version bigint NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX users_version ON users (version);

-- Kept apart from users so that a failed login does not bump the user's sync version.
CREATE TABLE login_state (
  user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  failed_attempts int NOT NULL DEFAULT 0,
  locked_until timestamptz
);

CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor_id uuid,
  action text NOT NULL,
  subject text,
  details jsonb
);
CREATE INDEX audit_log_at ON audit_log (at);

CREATE TABLE customers (
  id uuid PRIMARY KEY,
  customer_no text NOT NULL UNIQUE,
  external_id text UNIQUE,
  full_name text NOT NULL,
  salutation text CHECK (salutation IN ('Bapak', 'Ibu')),
  phones jsonb NOT NULL DEFAULT '[]',
  emails jsonb NOT NULL DEFAULT '[]',
  address text,
  city text,
  branch text,
  language text NOT NULL DEFAULT 'id' CHECK (language IN ('id', 'en')),
  segment text,
  tier text NOT NULL CHECK (tier IN ('platinum', 'gold', 'silver', 'regular')),
  vvip boolean NOT NULL DEFAULT false,
  billing text NOT NULL DEFAULT 'prepaid' CHECK (billing IN ('prepaid', 'postpaid')),
  lifecycle text NOT NULL DEFAULT 'customer'
    CHECK (lifecycle IN ('suspect', 'prospect', 'customer', 'loyal', 'advocate')),
  customer_since date,
  lifetime_value_idr bigint NOT NULL DEFAULT 0,
  -- Lower-cased words of name, e-mails, customer number and external id, computed by the
  -- application (JS lower-casing is the same for writer and searcher).
  search_terms text[] NOT NULL DEFAULT '{}',
  version bigint NOT NULL DEFAULT 0,
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX customers_version ON customers (version);

-- Indexed lookups, maintained by trigger in the writer's transaction.
CREATE TABLE customer_phones (
  e164 text COLLATE "C" NOT NULL,
  national text COLLATE "C" NOT NULL,
  customer_id uuid NOT NULL REFERENCES customers (id) ON DELETE CASCADE
);
CREATE INDEX customer_phones_e164 ON customer_phones (e164);
CREATE INDEX customer_phones_national ON customer_phones (national);
CREATE INDEX customer_phones_customer ON customer_phones (customer_id);

CREATE TABLE customer_terms (
  term text COLLATE "C" NOT NULL,
  customer_id uuid NOT NULL REFERENCES customers (id) ON DELETE CASCADE
);
CREATE INDEX customer_terms_term ON customer_terms (term);
CREATE INDEX customer_terms_customer ON customer_terms (customer_id);

CREATE FUNCTION sapa_customer_lookups() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' OR NEW.phones IS DISTINCT FROM OLD.phones THEN
    IF TG_OP = 'UPDATE' THEN DELETE FROM customer_phones WHERE customer_id = NEW.id; END IF;
    INSERT INTO customer_phones (e164, national, customer_id)
      SELECT DISTINCT p->>'e164',
             CASE WHEN p->>'e164' LIKE '+62%' THEN substr(p->>'e164', 4) ELSE substr(p->>'e164', 2) END,
             NEW.id
      FROM jsonb_array_elements(NEW.phones) AS p;
  END IF;
  IF TG_OP = 'INSERT' OR NEW.search_terms IS DISTINCT FROM OLD.search_terms THEN
    IF TG_OP = 'UPDATE' THEN DELETE FROM customer_terms WHERE customer_id = NEW.id; END IF;
    INSERT INTO customer_terms (term, customer_id)
      SELECT DISTINCT t, NEW.id FROM unnest(NEW.search_terms) AS t WHERE t <> '';
  END IF;
  RETURN NULL;
END $$;

CREATE TABLE interactions (
  id uuid PRIMARY KEY,
  customer_id uuid NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  channel text NOT NULL,
  direction text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
  started_at timestamptz NOT NULL,
  ended_at timestamptz,
  agent_id uuid,
  agent_name text,
  subject text,
  body text,
  disposition text,
  duration_sec int,
  recording_id text,
  version bigint NOT NULL DEFAULT 0
);
CREATE INDEX interactions_version ON interactions (version);
CREATE INDEX interactions_timeline ON interactions (customer_id, started_at DESC, id DESC);

CREATE TABLE cases (
  id uuid PRIMARY KEY,
  case_no text NOT NULL UNIQUE,
  customer_id uuid NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  category text NOT NULL,
  subject text NOT NULL,
  priority text NOT NULL,
  status text NOT NULL,
  opened_at timestamptz NOT NULL,
  sla_due_at timestamptz NOT NULL,
  resolved_at timestamptz,
  assignee_id uuid,
  version bigint NOT NULL DEFAULT 0
);
CREATE INDEX cases_version ON cases (version);
CREATE INDEX cases_customer ON cases (customer_id, opened_at DESC);

CREATE TABLE orders (
  id uuid PRIMARY KEY,
  order_no text NOT NULL UNIQUE,
  customer_id uuid NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  product text NOT NULL,
  amount_idr bigint NOT NULL,
  status text NOT NULL,
  placed_at timestamptz NOT NULL,
  status_history jsonb NOT NULL DEFAULT '[]',
  version bigint NOT NULL DEFAULT 0
);
CREATE INDEX orders_version ON orders (version);
CREATE INDEX orders_customer ON orders (customer_id, placed_at DESC);

CREATE TABLE receivables (
  id uuid PRIMARY KEY,
  invoice_no text NOT NULL UNIQUE,
  customer_id uuid NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  amount_idr bigint NOT NULL,
  paid_idr bigint NOT NULL DEFAULT 0,
  issued_at date NOT NULL,
  due_date date NOT NULL,
  status text NOT NULL,
  version bigint NOT NULL DEFAULT 0
);
CREATE INDEX receivables_version ON receivables (version);
CREATE INDEX receivables_customer ON receivables (customer_id, due_date DESC);

CREATE TABLE contracts (
  id uuid PRIMARY KEY,
  contract_no text NOT NULL UNIQUE,
  customer_id uuid NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  product text NOT NULL,
  start_date date NOT NULL,
  end_date date,
  monthly_fee_idr bigint NOT NULL,
  status text NOT NULL,
  version bigint NOT NULL DEFAULT 0
);
CREATE INDEX contracts_version ON contracts (version);
CREATE INDEX contracts_customer ON contracts (customer_id, start_date DESC);

CREATE TRIGGER customers_lookups AFTER INSERT OR UPDATE ON customers
  FOR EACH ROW EXECUTE FUNCTION sapa_customer_lookups();

CREATE TRIGGER users_version BEFORE INSERT OR UPDATE ON users FOR EACH ROW EXECUTE FUNCTION sapa_stamp_version();
CREATE TRIGGER customers_version BEFORE INSERT OR UPDATE ON customers FOR EACH ROW EXECUTE FUNCTION sapa_stamp_version();
CREATE TRIGGER interactions_version BEFORE INSERT OR UPDATE ON interactions FOR EACH ROW EXECUTE FUNCTION sapa_stamp_version();
CREATE TRIGGER cases_version BEFORE INSERT OR UPDATE ON cases FOR EACH ROW EXECUTE FUNCTION sapa_stamp_version();
CREATE TRIGGER orders_version BEFORE INSERT OR UPDATE ON orders FOR EACH ROW EXECUTE FUNCTION sapa_stamp_version();
CREATE TRIGGER receivables_version BEFORE INSERT OR UPDATE ON receivables FOR EACH ROW EXECUTE FUNCTION sapa_stamp_version();
CREATE TRIGGER contracts_version BEFORE INSERT OR UPDATE ON contracts FOR EACH ROW EXECUTE FUNCTION sapa_stamp_version();

CREATE TRIGGER users_tombstone AFTER DELETE ON users FOR EACH ROW EXECUTE FUNCTION sapa_tombstone();
CREATE TRIGGER customers_tombstone AFTER DELETE ON customers FOR EACH ROW EXECUTE FUNCTION sapa_tombstone();
CREATE TRIGGER interactions_tombstone AFTER DELETE ON interactions FOR EACH ROW EXECUTE FUNCTION sapa_tombstone();
CREATE TRIGGER cases_tombstone AFTER DELETE ON cases FOR EACH ROW EXECUTE FUNCTION sapa_tombstone();
CREATE TRIGGER orders_tombstone AFTER DELETE ON orders FOR EACH ROW EXECUTE FUNCTION sapa_tombstone();
CREATE TRIGGER receivables_tombstone AFTER DELETE ON receivables FOR EACH ROW EXECUTE FUNCTION sapa_tombstone();
CREATE TRIGGER contracts_tombstone AFTER DELETE ON contracts FOR EACH ROW EXECUTE FUNCTION sapa_tombstone();

CREATE TABLE imports (
  id uuid PRIMARY KEY,
  file_name text NOT NULL,
  state text NOT NULL CHECK (state IN ('running', 'done', 'failed')),
  rows_read int NOT NULL DEFAULT 0,
  rows_inserted int NOT NULL DEFAULT 0,
  rows_updated int NOT NULL DEFAULT 0,
  rows_rejected int NOT NULL DEFAULT 0,
  bytes_read bigint NOT NULL DEFAULT 0,
  started_at timestamptz NOT NULL DEFAULT now(),
  finished_at timestamptz,
  error text,
  created_by uuid
);

CREATE TABLE import_rejects (
  import_id uuid NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
  line int NOT NULL,
  external_id text,
  reason text NOT NULL,
  raw text
);
CREATE INDEX import_rejects_import ON import_rejects (import_id, line);
