-- Reply paragraph library (synced to every desktop) and messaging (server-side only).

CREATE TABLE reply_paragraphs (
  id uuid PRIMARY KEY,
  title text NOT NULL,
  shortcut text NOT NULL,
  category text NOT NULL,
  channels text[] NOT NULL,
  language text NOT NULL CHECK (language IN ('id', 'en')),
  tiers text[] NOT NULL DEFAULT '{}',
  body text NOT NULL,
  status text NOT NULL CHECK (status IN ('draft', 'approved', 'retired')),
  revision int NOT NULL DEFAULT 1,
  author_id uuid REFERENCES users (id),
  author_name text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  usage_count int NOT NULL DEFAULT 0,
  version bigint NOT NULL DEFAULT 0
);
-- One live paragraph per shortcut and language; retired ones free their shortcut.
CREATE UNIQUE INDEX reply_paragraphs_shortcut ON reply_paragraphs (shortcut, language) WHERE status <> 'retired';
CREATE INDEX reply_paragraphs_version ON reply_paragraphs (version);
CREATE TRIGGER reply_paragraphs_version BEFORE INSERT OR UPDATE ON reply_paragraphs
  FOR EACH ROW EXECUTE FUNCTION sapa_stamp_version();
CREATE TRIGGER reply_paragraphs_tombstone AFTER DELETE ON reply_paragraphs
  FOR EACH ROW EXECUTE FUNCTION sapa_tombstone();

-- Every saved revision and every status change, with author and time.
CREATE TABLE reply_paragraph_revisions (
  paragraph_id uuid NOT NULL REFERENCES reply_paragraphs (id) ON DELETE CASCADE,
  revision int NOT NULL,
  seq serial,
  title text NOT NULL,
  body text NOT NULL,
  status text NOT NULL,
  author_id uuid,
  author_name text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (paragraph_id, seq)
);

-- An e-mail conversation: the auto-acknowledgement is sent at most once per thread
-- (the primary key plus the conditional update make that true across server instances).
CREATE TABLE mail_threads (
  id uuid PRIMARY KEY,
  customer_id uuid REFERENCES customers (id) ON DELETE CASCADE,
  subject text,
  auto_ack_sent_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE mail_thread_ids (
  message_id text PRIMARY KEY,
  thread_id uuid NOT NULL REFERENCES mail_threads (id) ON DELETE CASCADE
);

-- Outbound messages. A send is recorded BEFORE it is attempted, so a crash or a failed
-- gateway leaves a visible 'failed' / 'queued' row that an agent can retry.
CREATE TABLE outbound_messages (
  id uuid PRIMARY KEY,
  customer_id uuid NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  channel text NOT NULL CHECK (channel IN ('email', 'sms', 'chat')),
  to_address text NOT NULL,
  subject text,
  body text NOT NULL,
  paragraph_ids uuid[] NOT NULL DEFAULT '{}',
  status text NOT NULL CHECK (status IN ('queued', 'sent', 'failed')),
  error text,
  attempts int NOT NULL DEFAULT 0,
  provider_id text,
  thread_id uuid REFERENCES mail_threads (id),
  interaction_id uuid NOT NULL,
  agent_id uuid,
  auto_ack boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);
CREATE INDEX outbound_messages_customer ON outbound_messages (customer_id, created_at DESC);
CREATE INDEX outbound_messages_failed ON outbound_messages (created_at) WHERE status <> 'sent';

-- Inbound e-mail. customer_id is null for an unmatched sender (to be assigned by an agent).
-- due_at is the response-time SLA deadline in working time; answered_at stops the clock.
CREATE TABLE inbound_messages (
  id uuid PRIMARY KEY,
  customer_id uuid REFERENCES customers (id) ON DELETE SET NULL,
  from_address text NOT NULL,
  subject text,
  body text NOT NULL,
  message_id text,
  thread_id uuid REFERENCES mail_threads (id),
  interaction_id uuid,
  received_at timestamptz NOT NULL,
  due_at timestamptz NOT NULL,
  answered_at timestamptz
);
CREATE INDEX inbound_messages_open ON inbound_messages (due_at) WHERE answered_at IS NULL;
CREATE INDEX inbound_messages_customer ON inbound_messages (customer_id, received_at DESC);

-- Working hours and holidays for the SLA clock (one row; edited by an admin).
CREATE TABLE sla_settings (
  id int PRIMARY KEY CHECK (id = 1),
  settings jsonb NOT NULL
);

-- Inbound e-mail is matched to the customer by sender address (emails are stored lower-case).
CREATE INDEX customers_emails ON customers USING gin (emails jsonb_path_ops);
