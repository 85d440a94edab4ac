-- Web chat and "call me" from the company's site (issue 17; src/server/webchat/, docs/web-widget.md,
-- docs/decisions/0038-web-widget.md). A chat is a task of kind 'chat' in the one queue; once an
-- agent accepts it the conversation row holds the agent (several at once, up to their chat
-- capacity) and the router's task is finished, so the agent stays free for the next offer.
ALTER TABLE cc_tasks DROP CONSTRAINT cc_tasks_kind_check;
ALTER TABLE cc_tasks ADD CONSTRAINT cc_tasks_kind_check CHECK (kind IN ('call', 'email', 'callback', 'follow_up', 'message', 'chat'));

-- How many chats an agent holds at once (the router offers a chat only below it).
ALTER TABLE users ADD COLUMN chat_capacity int NOT NULL DEFAULT 3 CHECK (chat_capacity BETWEEN 0 AND 10);

CREATE TABLE webchat_conversations (
  id uuid PRIMARY KEY,
  -- sha256 of the conversation token the customer's browser keeps (never the token itself).
  token_hash text NOT NULL UNIQUE,
  customer_id uuid REFERENCES customers (id) ON DELETE SET NULL,
  -- What the customer typed (shown as text, never as markup).
  visitor_name text NOT NULL,
  phone_e164 text,
  email text,
  language text NOT NULL CHECK (language IN ('id', 'en')),
  origin text NOT NULL,
  -- A one-time code sent to the phone or e-mail and typed back links the chat to the customer.
  verified boolean NOT NULL DEFAULT false,
  otp_hash text,
  otp_expires_at timestamptz,
  otp_tries int NOT NULL DEFAULT 0,
  queue_code text NOT NULL REFERENCES queues (code),
  status text NOT NULL CHECK (status IN ('waiting', 'active', 'ended')),
  agent_id uuid REFERENCES users (id) ON DELETE SET NULL,
  -- Read marks: the last message seq each side has seen.
  customer_read_seq int NOT NULL DEFAULT 0,
  agent_read_seq int NOT NULL DEFAULT 0,
  transfers int NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL,
  ended_at timestamptz,
  -- The transcript's interaction in the customer's timeline, once ended.
  interaction_id uuid
);
CREATE INDEX webchat_conversations_agent ON webchat_conversations (agent_id) WHERE status = 'active';

CREATE TABLE webchat_messages (
  conversation_id uuid NOT NULL REFERENCES webchat_conversations (id) ON DELETE CASCADE,
  seq int NOT NULL,
  id uuid NOT NULL UNIQUE,
  author text NOT NULL CHECK (author IN ('customer', 'agent', 'system')),
  agent_id uuid REFERENCES users (id) ON DELETE SET NULL,
  body text NOT NULL CHECK (length(body) <= 4000),
  -- The reply paragraph an agent inserted (the same answer on every channel).
  paragraph_id uuid,
  at timestamptz NOT NULL,
  PRIMARY KEY (conversation_id, seq)
);

CREATE TABLE webchat_files (
  id uuid PRIMARY KEY,
  conversation_id uuid NOT NULL REFERENCES webchat_conversations (id) ON DELETE CASCADE,
  message_seq int NOT NULL,
  mime text NOT NULL CHECK (mime IN ('image/png', 'image/jpeg', 'image/gif', 'image/webp', 'application/pdf')),
  name text NOT NULL,
  bytes bytea NOT NULL,
  created_at timestamptz NOT NULL
);

-- "Call me" requests: the call-back row they became, and a cancel link's one use.
CREATE TABLE webchat_callme (
  id uuid PRIMARY KEY,
  callback_id uuid NOT NULL UNIQUE REFERENCES callbacks (id) ON DELETE CASCADE,
  phone_e164 text NOT NULL,
  visitor_name text NOT NULL,
  origin text NOT NULL,
  created_at timestamptz NOT NULL,
  cancelled_at timestamptz
);

-- Reply paragraphs a lead shows on the public site (the widget's FAQ): the very paragraphs agents insert.
CREATE TABLE reply_public_faq (
  paragraph_id uuid PRIMARY KEY REFERENCES reply_paragraphs (id) ON DELETE CASCADE,
  marked_by uuid REFERENCES users (id) ON DELETE SET NULL,
  marked_at timestamptz NOT NULL DEFAULT now()
);

-- The key that signs the widget's proof-of-work challenges and the call-me cancel links:
-- made once by the first server that needs it, shared by every instance (never a setting).
CREATE TABLE webchat_secret (
  id int PRIMARY KEY CHECK (id = 1),
  secret text NOT NULL
);
