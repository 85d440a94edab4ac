-- Messaging channels (src/server/messaging/channels/, docs/decisions/0034): SMS and WhatsApp
-- conversations. One open conversation per channel + contact number: follow-ups join it
-- (and its one task) until the agent completes the task, which closes it. Every message is
-- a row here and, when the customer is known, an interaction in the timeline.
ALTER TABLE cc_tasks DROP CONSTRAINT cc_tasks_kind_check;
ALTER TABLE cc_tasks ADD CONSTRAINT cc_tasks_kind_check CHECK (kind IN ('call', 'email', 'callback', 'follow_up', 'message'));

CREATE TABLE conversations (
  id uuid PRIMARY KEY,
  channel text NOT NULL CHECK (channel IN ('sms', 'whatsapp')),
  -- The customer's number in E.164 (+6281234567890).
  contact text NOT NULL,
  -- The name the customer's WhatsApp profile gives (never trusted for matching).
  contact_name text,
  customer_id uuid REFERENCES customers (id) ON DELETE SET NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  -- The customer's last message: WhatsApp's 24-hour customer-service window runs from here.
  last_inbound_at timestamptz,
  task_id uuid,
  created_at timestamptz NOT NULL,
  closed_at timestamptz
);
CREATE UNIQUE INDEX conversations_one_open ON conversations (channel, contact) WHERE status = 'open';
CREATE INDEX conversations_customer ON conversations (customer_id, created_at DESC);

CREATE TABLE conversation_messages (
  id uuid PRIMARY KEY,
  conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  channel text NOT NULL CHECK (channel IN ('sms', 'whatsapp')),
  direction text NOT NULL CHECK (direction IN ('inbound', 'outbound')),
  -- WhatsApp's wamid / the gateway's id: unique per channel, so a redelivered webhook is one message.
  provider_id text,
  body text NOT NULL,
  template_name text,
  status text NOT NULL CHECK (status IN ('received', 'queued', 'sent', 'delivered', 'read', 'failed')),
  error text,
  agent_id uuid,
  agent_name text,
  paragraph_ids uuid[] NOT NULL DEFAULT '{}',
  interaction_id uuid,
  idempotency_key text,
  created_at timestamptz NOT NULL,
  status_at timestamptz
);
CREATE UNIQUE INDEX conversation_messages_provider ON conversation_messages (channel, provider_id) WHERE provider_id IS NOT NULL;
CREATE UNIQUE INDEX conversation_messages_idempotency ON conversation_messages (agent_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX conversation_messages_thread ON conversation_messages (conversation_id, created_at);

-- Approved WhatsApp message templates an admin lists: the template's name and language as
-- registered with Meta, the text it says (with {{1}} … placeholders), and the reply
-- paragraph it corresponds to in the library.
CREATE TABLE whatsapp_templates (
  id uuid PRIMARY KEY,
  name text NOT NULL CHECK (name ~ '^[a-z0-9_]+$' AND length(name) <= 512),
  language text NOT NULL CHECK (language ~ '^[a-z]{2,3}(_[A-Z]{2})?$'),
  body text NOT NULL,
  paragraph_id uuid REFERENCES reply_paragraphs (id) ON DELETE SET NULL,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (name, language)
);

-- The channels' settings an admin sets at run time (one row); the environment gives the defaults.
CREATE TABLE messaging_channel_settings (
  id int PRIMARY KEY CHECK (id = 1),
  settings jsonb NOT NULL
);
