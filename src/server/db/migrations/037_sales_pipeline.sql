-- Budgets, visits and the selling pipeline (issue 18 items 4–6, docs/sales.md, decision 0036).
-- The two sales roles are migration 035's.

-- One row of settings: the share of a budget at which the Budgets screen warns (≥ warn),
-- over 100 % it says over.
CREATE TABLE sales_settings (
  id boolean PRIMARY KEY DEFAULT true CHECK (id),
  budget_warn_percent int NOT NULL DEFAULT 90 CHECK (budget_warn_percent BETWEEN 1 AND 100),
  updated_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO sales_settings (id) VALUES (true);

-- Configurable stages (managers and admins), each with the probability the forecast weighs
-- an opportunity by. Exactly one won and one lost stage: they close an opportunity.
CREATE TABLE opportunity_stages (
  code text PRIMARY KEY CHECK (code ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
  label_en text NOT NULL CHECK (length(label_en) BETWEEN 1 AND 60),
  label_id text NOT NULL CHECK (length(label_id) BETWEEN 1 AND 60),
  probability int NOT NULL CHECK (probability BETWEEN 0 AND 100),
  position int NOT NULL,
  kind text NOT NULL DEFAULT 'open' CHECK (kind IN ('open', 'won', 'lost')),
  active boolean NOT NULL DEFAULT true,
  CHECK (kind <> 'won' OR probability = 100),
  CHECK (kind <> 'lost' OR probability = 0)
);
CREATE UNIQUE INDEX opportunity_stages_one_won ON opportunity_stages (kind) WHERE kind IN ('won', 'lost');
INSERT INTO opportunity_stages (code, label_en, label_id, probability, position, kind) VALUES
  ('qualify', 'Qualify', 'Kualifikasi', 10, 10, 'open'),
  ('propose', 'Proposal', 'Penawaran', 40, 20, 'open'),
  ('negotiate', 'Negotiation', 'Negosiasi', 70, 30, 'open'),
  ('won', 'Won', 'Menang', 100, 90, 'won'),
  ('lost', 'Lost', 'Kalah', 0, 100, 'lost');

CREATE TABLE lost_reasons (
  code text PRIMARY KEY CHECK (code ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
  label_en text NOT NULL,
  label_id text NOT NULL,
  position int NOT NULL
);
INSERT INTO lost_reasons (code, label_en, label_id, position) VALUES
  ('price', 'Price too high', 'Harga terlalu tinggi', 10),
  ('competitor', 'Chose a competitor', 'Memilih pesaing', 20),
  ('no_budget', 'No budget', 'Tidak ada anggaran', 30),
  ('no_decision', 'No decision', 'Tidak ada keputusan', 40),
  ('other', 'Other', 'Lainnya', 90);

CREATE SEQUENCE opportunity_no_seq;
CREATE TABLE opportunities (
  id uuid PRIMARY KEY,
  opportunity_no text NOT NULL UNIQUE,
  customer_id uuid NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  stage_code text NOT NULL REFERENCES opportunity_stages (code),
  value_idr bigint NOT NULL CHECK (value_idr BETWEEN 0 AND 1000000000000000),
  expected_close date NOT NULL,
  -- Product codes of the catalogue (the portfolio's table, item 3): [{ "code": "FIBER-100", "quantity": 1 }].
  products jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(products) = 'array'),
  owner_id uuid NOT NULL REFERENCES users (id),
  next_step text CHECK (length(next_step) <= 500),
  next_step_due date,
  lost_reason text REFERENCES lost_reasons (code),
  lost_note text CHECK (length(lost_note) <= 1000),
  contract_id uuid REFERENCES contracts (id) ON DELETE SET NULL,
  closed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- Bumped by every change: a move carries the revision it saw, a stale one is refused (two managers dragging the same card).
  revision int NOT NULL DEFAULT 1
);
-- The board: each column's cards by expected close; the forecast by month; a rep's own.
CREATE INDEX opportunities_board ON opportunities (stage_code, expected_close, id);
-- The columns' totals read only these (index-only scans): everyone's by stage, a rep's or a team's by owner.
CREATE INDEX opportunities_totals ON opportunities (stage_code) INCLUDE (value_idr, owner_id);
CREATE INDEX opportunities_owner ON opportunities (owner_id, stage_code, expected_close) INCLUDE (value_idr);
CREATE INDEX opportunities_customer ON opportunities (customer_id);

CREATE TABLE opportunity_activities (
  id uuid PRIMARY KEY,
  opportunity_id uuid NOT NULL REFERENCES opportunities (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('created', 'note', 'stage', 'next_step', 'won', 'lost')),
  body text NOT NULL DEFAULT '' CHECK (length(body) <= 2000),
  author_id uuid REFERENCES users (id) ON DELETE SET NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX opportunity_activities_of ON opportunity_activities (opportunity_id, at DESC);

-- Budgets per period (a month or a quarter, by its first day) for a team or one rep, in IDR.
CREATE TABLE sales_budgets (
  id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('prospecting', 'cost')),
  period_kind text NOT NULL CHECK (period_kind IN ('month', 'quarter')),
  period_start date NOT NULL,
  team_id uuid REFERENCES teams (id) ON DELETE CASCADE,
  user_id uuid REFERENCES users (id) ON DELETE CASCADE,
  amount_idr bigint NOT NULL CHECK (amount_idr BETWEEN 0 AND 1000000000000000),
  set_by uuid REFERENCES users (id) ON DELETE SET NULL,
  set_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((team_id IS NULL) <> (user_id IS NULL))
);
CREATE UNIQUE INDEX sales_budgets_one ON sales_budgets (kind, period_kind, period_start,
  COALESCE(team_id, '00000000-0000-0000-0000-000000000000'::uuid), COALESCE(user_id, '00000000-0000-0000-0000-000000000000'::uuid));

-- Planned visits and what happened in the field. Check-in, check-out and the report arrive
-- through the outbox (visit.* mutations), so the first check-in wins and a replay changes nothing.
CREATE TABLE sales_visits (
  id uuid PRIMARY KEY,
  owner_id uuid NOT NULL REFERENCES users (id),
  customer_id uuid NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  purpose text NOT NULL CHECK (length(purpose) BETWEEN 1 AND 500),
  planned_start timestamptz NOT NULL,
  planned_end timestamptz NOT NULL CHECK (planned_end > planned_start),
  opportunity_id uuid REFERENCES opportunities (id) ON DELETE SET NULL,
  status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'checked_in', 'done', 'cancelled')),
  check_in_at timestamptz,
  check_in_lat double precision CHECK (check_in_lat BETWEEN -90 AND 90),
  check_in_lng double precision CHECK (check_in_lng BETWEEN -180 AND 180),
  check_in_accuracy_m real,
  check_out_at timestamptz,
  check_out_lat double precision CHECK (check_out_lat BETWEEN -90 AND 90),
  check_out_lng double precision CHECK (check_out_lng BETWEEN -180 AND 180),
  result text CHECK (result IN ('interested', 'not_interested', 'follow_up', 'deal', 'not_met')),
  notes text CHECK (length(notes) <= 5000),
  next_step text CHECK (length(next_step) <= 500),
  next_step_due date,
  reported_at timestamptz,
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sales_visits_owner ON sales_visits (owner_id, planned_start);
CREATE INDEX sales_visits_planned ON sales_visits (planned_start);

-- A receipt photo or PDF, checked by its content (not its name). Kept beside the cost in the
-- database: small files, backed up and deleted with the rest of the sales records (decision 0036).
CREATE TABLE sales_receipts (
  id uuid PRIMARY KEY,
  owner_id uuid NOT NULL REFERENCES users (id),
  media_type text NOT NULL CHECK (media_type IN ('image/jpeg', 'image/png', 'image/webp', 'application/pdf')),
  bytes int NOT NULL CHECK (bytes BETWEEN 1 AND 5242880),
  sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
  content bytea NOT NULL,
  uploaded_at timestamptz NOT NULL DEFAULT now()
);

-- A cost spent against a budget, on a visit or an opportunity's activity. The receipt may
-- arrive before or after the cost (both come from the outbox, in either order): no foreign key.
CREATE TABLE sales_costs (
  id uuid PRIMARY KEY,
  owner_id uuid NOT NULL REFERENCES users (id),
  budget text NOT NULL CHECK (budget IN ('prospecting', 'cost')),
  category text NOT NULL CHECK (category IN ('transport', 'meal', 'lodging', 'entertainment', 'material', 'other')),
  amount_idr bigint NOT NULL CHECK (amount_idr BETWEEN 1 AND 1000000000000),
  spent_on date NOT NULL,
  visit_id uuid REFERENCES sales_visits (id) ON DELETE SET NULL,
  opportunity_id uuid REFERENCES opportunities (id) ON DELETE SET NULL,
  note text NOT NULL DEFAULT '' CHECK (length(note) <= 1000),
  receipt_id uuid,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sales_costs_owner ON sales_costs (owner_id, spent_on);
CREATE INDEX sales_costs_spent ON sales_costs (spent_on);
