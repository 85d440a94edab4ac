-- The organisation an admin runs from the admin screens (issue 12), and the desktop fleet.
-- Before this, queues were a constant in code (src/shared/http.ts QUEUES), dispositions an
-- environment variable (SAPA_DISPOSITIONS) and branches free text on users and customers.
-- Codes stay text (the same text as users.branch, users.queues[] and customers.branch), so
-- the working-set rules (src/server/sync/working-scope.ts) keep reading what they read.

-- A site is a building with its own SIP proxy and, for a poor line, its own update mirror.
CREATE TABLE sites (
  code text PRIMARY KEY CHECK (code ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
  name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- A branch (cabang) is the business unit customers belong to; each sits at one site.
CREATE TABLE branches (
  code text PRIMARY KEY CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9 _.-]{0,59}$'),
  name text NOT NULL,
  site_code text REFERENCES sites (code),
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE teams (
  id uuid PRIMARY KEY,
  name text NOT NULL UNIQUE,
  branch_code text REFERENCES branches (code),
  lead_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- Queues a user works; case_categories are what src/server/sync/queue-policy.ts mapped in
-- code (the working set brings in customers with an open case in these categories).
CREATE TABLE queues (
  code text PRIMARY KEY CHECK (code ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
  label_id text NOT NULL,
  label_en text NOT NULL,
  case_categories text[] NOT NULL DEFAULT '{}',
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);
INSERT INTO queues (code, label_id, label_en, case_categories) VALUES
  ('billing', 'Tagihan', 'Billing', '{billing}'),
  ('network', 'Jaringan', 'Network', '{technical}'),
  ('vip', 'VIP', 'VIP', '{complaint}'),
  ('general', 'Umum', 'General', '{request}');

CREATE TABLE skills (
  code text PRIMARY KEY CHECK (code ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
  label_id text NOT NULL,
  label_en text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- A user's skills with a level 1 (learning) … 5 (expert); the router prefers higher levels.
CREATE TABLE user_skills (
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  skill_code text NOT NULL REFERENCES skills (code),
  level smallint NOT NULL CHECK (level BETWEEN 1 AND 5),
  PRIMARY KEY (user_id, skill_code)
);

-- A disabled user cannot sign in and every session of theirs ends at once.
ALTER TABLE users ADD COLUMN disabled_at timestamptz;
ALTER TABLE users ADD COLUMN team_id uuid REFERENCES teams (id) ON DELETE SET NULL;

-- Disposition codes a call may end with, labelled in both languages; needs_follow_up makes
-- the wrap-up ask for a call-back. Seeded with the built-in list (DEFAULT_DISPOSITIONS).
CREATE TABLE dispositions (
  code text PRIMARY KEY CHECK (code ~ '^[a-z0-9_]{2,40}$'),
  label_id text NOT NULL,
  label_en text NOT NULL,
  needs_follow_up boolean NOT NULL DEFAULT false,
  active boolean NOT NULL DEFAULT true,
  position int NOT NULL DEFAULT 0
);
INSERT INTO dispositions (code, label_id, label_en, needs_follow_up, position) VALUES
  ('resolved', 'Selesai', 'Resolved', false, 1),
  ('info_given', 'Informasi diberikan', 'Information given', false, 2),
  ('complaint_logged', 'Keluhan dicatat', 'Complaint logged', true, 3),
  ('callback_promised', 'Dijanjikan telepon balik', 'Call-back promised', true, 4),
  ('sale', 'Penjualan', 'Sale', false, 5),
  ('wrong_number', 'Salah sambung', 'Wrong number', false, 6),
  ('no_answer', 'Tidak dijawab', 'No answer', false, 7);

-- Every desktop that ever signed in, keyed by its install id (made once per installation,
-- src/main/core/fleet/install-id.ts). Registered on sign-in and refreshed by a heartbeat:
-- one row per desktop, updated in place (no version, not synced). update_state is the
-- last UpdateState the desktop reported (src/shared/updates.ts).
CREATE TABLE desktops (
  install_id uuid PRIMARY KEY,
  machine_name text NOT NULL,
  os text NOT NULL,
  os_version text NOT NULL,
  app_version text NOT NULL,
  electron_version text,
  chrome_version text,
  user_id uuid REFERENCES users (id) ON DELETE SET NULL,
  site_code text REFERENCES sites (code) ON DELETE SET NULL,
  update_state jsonb,
  cache_bytes bigint,
  last_sync_at timestamptz,
  registered_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX desktops_app_version ON desktops (app_version);
CREATE INDEX desktops_last_seen ON desktops (last_seen_at);
