-- Softphone: agent extensions (SIP identities), live agent status, call details of call
-- interactions, and call recordings. None of these rows are synced to desktops.

CREATE TABLE agent_extensions (
  user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  extension text NOT NULL UNIQUE CHECK (extension ~ '^[1-8][0-9]{3}$'),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE agent_status (
  user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
  status text NOT NULL CHECK (status IN ('available', 'on_call', 'after_call_work', 'break', 'offline')),
  since timestamptz NOT NULL DEFAULT now()
);

-- The timing and wrap-up of a call interaction (interactions.channel call_in / call_out).
CREATE TABLE call_details (
  interaction_id uuid PRIMARY KEY REFERENCES interactions (id) ON DELETE CASCADE,
  number text NOT NULL,
  answered_at timestamptz,
  talk_sec int NOT NULL,
  hold_sec int NOT NULL,
  acw_sec int NOT NULL,
  follow_up_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE recordings (
  id uuid PRIMARY KEY,
  agent_id uuid REFERENCES users (id) ON DELETE SET NULL,
  file_name text NOT NULL,
  size_bytes bigint NOT NULL DEFAULT 0,
  duration_ms int,
  mime text NOT NULL DEFAULT 'audio/webm',
  pauses jsonb NOT NULL DEFAULT '[]',
  created_at timestamptz NOT NULL DEFAULT now(),
  completed_at timestamptz
);
