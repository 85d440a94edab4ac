-- Inbound e-mail authentication (SPF/DKIM/DMARC, checked by mailauth at the SMTP ingress):
-- 'pass' = the sender's domain vouches for the mail (DMARC pass, or an aligned SPF/DKIM pass
-- when the domain publishes no DMARC record); 'fail' = the domain's own records say it did
-- not send it (forged or altered); 'none' = nothing could be checked (no records, DNS down).
-- Mail received before this migration was never checked: 'none'.
ALTER TABLE inbound_messages ADD COLUMN auth_verdict text NOT NULL DEFAULT 'none'
  CHECK (auth_verdict IN ('pass', 'fail', 'none'));
-- e.g. "spf=fail dkim=none dmarc=fail": what the agent (and an operator) can read back.
ALTER TABLE inbound_messages ADD COLUMN auth_summary text;

-- Auto-acknowledgements sent per sender address per local calendar day (the SLA clock's UTC
-- offset). The conditional upsert that counts one is the cap: race-free across instances.
CREATE TABLE auto_ack_counts (
  address text NOT NULL,
  day date NOT NULL,
  sent int NOT NULL,
  PRIMARY KEY (address, day)
);

-- Exactly-once sends: the client's idempotency key of every messages.send and
-- messages.retry that was accepted. A repeat with the same key answers the message it
-- produced instead of sending again (a timeout, a failover to another server URL, a second
-- click). request_hash refuses the same key reused for a different request.
CREATE TABLE message_requests (
  idempotency_key uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('send', 'retry')),
  message_id uuid NOT NULL REFERENCES outbound_messages (id) ON DELETE CASCADE,
  user_id uuid,
  request_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

-- When the current delivery attempt began: a 'queued' message whose attempt began recently
-- is being sent now and may not be retried (that would send it twice).
ALTER TABLE outbound_messages ADD COLUMN attempt_started_at timestamptz;
