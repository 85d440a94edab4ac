-- Browser sharing sessions (src/server/cobrowse/, docs/browser-sharing.md). Who shared with
-- whom and when, and how many pages: never what was on them (the server relays the page
-- events and keeps nothing of them). The code is six digits the agent reads to the customer;
-- it is usable once, until expires_at, and only one active session holds a given code.
CREATE TABLE cobrowse_sessions (
  id uuid PRIMARY KEY,
  code text NOT NULL CHECK (code ~ '^[0-9]{6}$'),
  agent_id uuid NOT NULL REFERENCES users (id),
  customer_id uuid NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  -- Set when the customer consented and joined; the origin of the site they shared.
  joined_at timestamptz,
  origin text,
  -- sha256 of the token the customer's next pages resume with (kept in their sessionStorage).
  resume_hash text,
  -- The second consent: pages visited and forms submitted go into the customer's history.
  history_consent boolean NOT NULL DEFAULT false,
  page_count int NOT NULL DEFAULT 0,
  ended_at timestamptz,
  ended_by text CHECK (ended_by IN ('customer', 'agent', 'expired', 'limit')),
  interaction_id uuid
);
CREATE UNIQUE INDEX cobrowse_sessions_active_code ON cobrowse_sessions (code) WHERE ended_at IS NULL;
CREATE INDEX cobrowse_sessions_agent ON cobrowse_sessions (agent_id, created_at DESC);
