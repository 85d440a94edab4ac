-- The contact-center router (src/server/contact-center/, docs/decisions/0020): how each
-- queue routes, which site takes inbound traffic when, the tasks waiting and in progress,
-- each agent's routing state, and the append-only log every change is written to.

-- Routing settings per queue. The dialled hotline number or the e-mail address picks the
-- queue; required skills plus the widening waits decide who may take a task; weights say
-- who the customer is worth (src/shared/queue-routing.ts parses them, defaults there).
ALTER TABLE queues
  ADD COLUMN hotline_numbers text[] NOT NULL DEFAULT '{}',
  ADD COLUMN mail_addresses text[] NOT NULL DEFAULT '{}',
  ADD COLUMN required_skills text[] NOT NULL DEFAULT '{}',
  ADD COLUMN priority_weights jsonb NOT NULL DEFAULT '{}',
  -- Seniors (skill level >= 4) only until this wait, then any skilled agent …
  ADD COLUMN widen_skilled_after_sec int NOT NULL DEFAULT 30 CHECK (widen_skilled_after_sec >= 0),
  -- … then anyone who works the queue.
  ADD COLUMN widen_anyone_after_sec int NOT NULL DEFAULT 90 CHECK (widen_anyone_after_sec >= 0),
  ADD COLUMN reservation_sec int NOT NULL DEFAULT 15 CHECK (reservation_sec BETWEEN 3 AND 120),
  ADD COLUMN misses_before_not_ready int NOT NULL DEFAULT 2 CHECK (misses_before_not_ready BETWEEN 1 AND 20),
  ADD COLUMN max_wait_sec int NOT NULL DEFAULT 300 CHECK (max_wait_sec > 0),
  ADD COLUMN max_wait_action text NOT NULL DEFAULT 'callback' CHECK (max_wait_action IN ('callback', 'overflow')),
  ADD COLUMN overflow_site_code text REFERENCES sites (code) ON DELETE SET NULL,
  ADD COLUMN overflow_wait_sec int NOT NULL DEFAULT 60 CHECK (overflow_wait_sec >= 0),
  -- After-call work the router waits for before the next offer; null: until the agent ends it.
  ADD COLUMN wrap_up_limit_sec int DEFAULT 60 CHECK (wrap_up_limit_sec IS NULL OR wrap_up_limit_sec BETWEEN 0 AND 3600);

-- The two call centers of the source documents. Codes spelt out so that tests and admins
-- who add their own short codes (jkt, ygy) do not collide.
INSERT INTO sites (code, name) VALUES ('jakarta', 'Jakarta'), ('yogyakarta', 'Yogyakarta') ON CONFLICT (code) DO NOTHING;

-- Demo hotlines (docs/operator-guide.md): 1500123 general, …124 billing, …125 network, …126 VIP.
UPDATE queues SET hotline_numbers = '{1500123}', mail_addresses = '{cs@sapa.example}' WHERE code = 'general';
UPDATE queues SET hotline_numbers = '{1500124}', mail_addresses = '{tagihan@sapa.example}' WHERE code = 'billing';
UPDATE queues SET hotline_numbers = '{1500125}', mail_addresses = '{jaringan@sapa.example}' WHERE code = 'network';
UPDATE queues SET hotline_numbers = '{1500126}', mail_addresses = '{vip@sapa.example}' WHERE code = 'vip';
UPDATE queues SET overflow_site_code = 'yogyakarta' WHERE code IN ('general', 'billing', 'network', 'vip');

-- Which site takes inbound traffic when, in the company's local time (a window whose end is
-- before its start runs past midnight). Seeded with the source's 23:00 switch.
CREATE TABLE site_schedule (
  id uuid PRIMARY KEY,
  site_code text NOT NULL REFERENCES sites (code) ON DELETE CASCADE,
  starts_at time NOT NULL,
  ends_at time NOT NULL CHECK (ends_at <> starts_at),
  time_zone text NOT NULL DEFAULT 'Asia/Jakarta'
);
INSERT INTO site_schedule (id, site_code, starts_at, ends_at) VALUES
  ('00000000-0000-4000-8000-0000000c0001', 'jakarta', '07:00', '23:00'),
  ('00000000-0000-4000-8000-0000000c0002', 'yogyakarta', '23:00', '07:00');

-- One row per unit of work. `enqueued_at` is the task's place in the queue: a lapsed or
-- rejected offer puts the task back with it unchanged. `base_points` is the customer part
-- of the priority (computed once at intake, reasons kept for the offer); the waited part is
-- added at routing time from enqueued_at.
CREATE TABLE cc_tasks (
  id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('call', 'email', 'callback', 'follow_up')),
  source_ref text NOT NULL,
  queue_code text NOT NULL REFERENCES queues (code),
  status text NOT NULL CHECK (status IN ('waiting', 'reserved', 'assigned', 'done', 'abandoned', 'cancelled')),
  customer_id uuid REFERENCES customers (id) ON DELETE SET NULL,
  from_address text NOT NULL,
  subject text,
  tier text,
  vvip boolean NOT NULL DEFAULT false,
  needs_identity_check boolean NOT NULL DEFAULT false,
  base_points double precision NOT NULL DEFAULT 0,
  reasons jsonb NOT NULL DEFAULT '[]',
  required_skills text[] NOT NULL DEFAULT '{}',
  preferred_agent_id uuid REFERENCES users (id) ON DELETE SET NULL,
  -- Calls: the site whose Kamailio holds the caller; null for work any site may take.
  site_code text REFERENCES sites (code) ON DELETE SET NULL,
  enqueued_at timestamptz NOT NULL,
  not_before timestamptz NOT NULL,
  agent_id uuid REFERENCES users (id) ON DELETE SET NULL,
  reservation_id uuid,
  reserved_until timestamptz,
  assigned_at timestamptz,
  ended_at timestamptz,
  outcome text,
  offers int NOT NULL DEFAULT 0,
  UNIQUE (kind, source_ref),
  -- Done tasks keep the agent who handled them (reports); work in progress always has one.
  CHECK (status NOT IN ('reserved', 'assigned') OR agent_id IS NOT NULL),
  CHECK (status <> 'reserved' OR (reservation_id IS NOT NULL AND reserved_until IS NOT NULL))
);
-- The router's hot query: the waiting tasks of a queue (priority is computed over these).
CREATE INDEX cc_tasks_waiting ON cc_tasks (queue_code, enqueued_at) WHERE status = 'waiting';
-- Lapses and the reconciler: what is out with whom.
CREATE INDEX cc_tasks_reserved ON cc_tasks (reserved_until) WHERE status = 'reserved';
CREATE INDEX cc_tasks_agent ON cc_tasks (agent_id) WHERE status IN ('reserved', 'assigned');
-- The database, not timing, guarantees one task per agent at a time.
CREATE UNIQUE INDEX cc_tasks_one_per_agent ON cc_tasks (agent_id) WHERE status IN ('reserved', 'assigned');

-- The routing state of each agent: what they chose and what the router derived.
-- ready_since orders free agents (longest idle first); last_seen_at is the desktop's
-- presence (live socket, status reports); phone_ready is the desktop's report that its SIP
-- phone is registered (PUT /agents/me/status other than offline), needed for call tasks only.
CREATE TABLE cc_agent_state (
  user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  chosen text NOT NULL DEFAULT 'offline' CHECK (chosen IN ('ready', 'not_ready', 'offline')),
  reason text CHECK (reason IN ('break', 'meal', 'training', 'meeting', 'coaching', 'missed_offers')),
  derived text NOT NULL DEFAULT 'offline' CHECK (derived IN ('offline', 'not_ready', 'ready', 'reserved', 'on_task', 'wrap_up')),
  since timestamptz NOT NULL,
  ready_since timestamptz,
  wrap_up_until timestamptz,
  misses int NOT NULL DEFAULT 0,
  phone_ready boolean NOT NULL DEFAULT false,
  -- The desktop's last status report (agent_status values) and when it changed, on the
  -- router's clock: "no call any more" while a call task is assigned frees the agent.
  phone_status text,
  phone_since timestamptz,
  last_seen_at timestamptz,
  CHECK ((chosen = 'not_ready') = (reason IS NOT NULL))
);
CREATE INDEX cc_agent_state_ready ON cc_agent_state (ready_since) WHERE derived = 'ready';

-- Every task and agent state change, appended in the same transaction as the change. The
-- lead console and reports compute from it, so nothing may rewrite it.
CREATE TABLE cc_events (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL,
  task_id uuid,
  agent_id uuid,
  queue_code text,
  event text NOT NULL,
  detail jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX cc_events_at ON cc_events (at);
CREATE INDEX cc_events_task ON cc_events (task_id) WHERE task_id IS NOT NULL;
-- "Is this an offer that was once yours?" (a stale accept is a 409, someone else's a 404).
CREATE INDEX cc_events_reservation ON cc_events ((detail->>'reservationId')) WHERE event = 'reserved';

CREATE FUNCTION cc_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'cc_events is append-only (% refused)', TG_OP;
END $$;
CREATE TRIGGER cc_events_no_update BEFORE UPDATE OR DELETE ON cc_events FOR EACH ROW EXECUTE FUNCTION cc_events_append_only();
CREATE TRIGGER cc_events_no_truncate BEFORE TRUNCATE ON cc_events FOR EACH STATEMENT EXECUTE FUNCTION cc_events_append_only();
