-- The sales module's prospects, portfolio and telesales (issue 18 items 2, 3, 7; docs/sales.md,
-- decision 0035-sales-prospects-portfolio-telesales). A prospect is a customers row (lifecycle
-- suspect or prospect), never a second kind of record: the same row later serves service and
-- collection. What only sales needs sits beside it in prospect_profiles.

-- Where the prospect came from, who owns them, what they want. One row per customer.
CREATE TABLE prospect_profiles (
  customer_id uuid PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
  source text NOT NULL DEFAULT '' CHECK (length(source) <= 100),
  owner_id uuid REFERENCES users (id) ON DELETE SET NULL,
  interest text NOT NULL DEFAULT '' CHECK (length(interest) <= 2000),
  -- Product codes (products.code); codes not in the catalogue are refused on write.
  products_of_interest text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX prospect_profiles_owner ON prospect_profiles (owner_id, updated_at DESC);

-- Assignment of new prospects without an owner: per branch ('*' = any branch), round-robin
-- over a pool of sales reps. next_index is the pool position the next prospect goes to.
CREATE TABLE prospect_assignment_rules (
  branch text PRIMARY KEY CHECK (length(branch) BETWEEN 1 AND 100),
  rep_ids uuid[] NOT NULL CHECK (cardinality(rep_ids) BETWEEN 1 AND 200),
  next_index int NOT NULL DEFAULT 0 CHECK (next_index >= 0),
  updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Each line of a prospect import and what became of it (created, merged with an existing
-- customer, rejected), for the import's report. The status row is the shared imports table.
CREATE TABLE prospect_import_lines (
  import_id uuid NOT NULL REFERENCES imports (id) ON DELETE CASCADE,
  line int NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('created', 'merged', 'rejected')),
  customer_id uuid REFERENCES customers (id) ON DELETE SET NULL,
  customer_no text,
  customer_name text,
  reason text,
  raw text,
  PRIMARY KEY (import_id, line)
);

-- The products and services catalogue. Eligibility: empty tiers/segments = everyone;
-- requires = the customer must hold one of these codes; excludes = none of these.
CREATE TABLE products (
  id uuid PRIMARY KEY,
  code text NOT NULL UNIQUE CHECK (code ~ '^[A-Z0-9][A-Z0-9_-]{1,39}$'),
  name_id text NOT NULL CHECK (length(name_id) BETWEEN 1 AND 200),
  name_en text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 200),
  category text NOT NULL CHECK (length(category) BETWEEN 1 AND 60),
  price_idr bigint NOT NULL CHECK (price_idr >= 0),
  active boolean NOT NULL DEFAULT true,
  cs_sellable boolean NOT NULL DEFAULT false,
  eligible_tiers text[] NOT NULL DEFAULT '{}',
  eligible_segments text[] NOT NULL DEFAULT '{}',
  requires_codes text[] NOT NULL DEFAULT '{}',
  excludes_codes text[] NOT NULL DEFAULT '{}',
  updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- What each customer holds. An offer sold on the customer screen adds an order; the
-- holding follows when the order system reports it installed (or a feed writes it).
CREATE TABLE customer_holdings (
  id uuid PRIMARY KEY,
  customer_id uuid NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  product_id uuid NOT NULL REFERENCES products (id) ON DELETE RESTRICT,
  since date NOT NULL DEFAULT current_date,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'ended')),
  UNIQUE (customer_id, product_id)
);

-- Numbers that must not be called (the customer asked, or the regulator's list).
CREATE TABLE do_not_call (
  e164 text COLLATE "C" PRIMARY KEY CHECK (e164 ~ '^\+[1-9][0-9]{6,14}$'),
  reason text NOT NULL DEFAULT '' CHECK (length(reason) <= 500),
  added_by uuid REFERENCES users (id) ON DELETE SET NULL,
  added_at timestamptz NOT NULL DEFAULT now()
);

-- Telesales campaigns: a period, a call script (reply paragraphs), the dispositions an agent
-- may end a contact with, and a call list.
CREATE TABLE campaigns (
  id uuid PRIMARY KEY,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  starts_on date NOT NULL,
  ends_on date NOT NULL CHECK (ends_on >= starts_on),
  script_paragraph_ids uuid[] NOT NULL DEFAULT '{}',
  disposition_codes text[] NOT NULL CHECK (cardinality(disposition_codes) BETWEEN 1 AND 30),
  -- Dispositions that count as a conversion in the results (a subset of disposition_codes).
  success_codes text[] NOT NULL DEFAULT '{}',
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- One contact of a campaign's list. pending → claimed (an agent is on it) → done; a number on
-- the do-not-call list is 'excluded' when the list is built (kept, so results can show it).
CREATE TABLE campaign_contacts (
  id uuid PRIMARY KEY,
  campaign_id uuid NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
  customer_id uuid NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  phone_e164 text COLLATE "C" NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'claimed', 'done', 'excluded')),
  claimed_by uuid REFERENCES users (id) ON DELETE SET NULL,
  claimed_at timestamptz,
  disposition text,
  note text CHECK (length(note) <= 2000),
  done_by uuid REFERENCES users (id) ON DELETE SET NULL,
  done_at timestamptz,
  UNIQUE (campaign_id, customer_id),
  CHECK ((status = 'done') = (disposition IS NOT NULL))
);
CREATE INDEX campaign_contacts_next ON campaign_contacts (campaign_id, status, id);
