-- Case notes, replies and status notifications (src/server/cases/case-messages.ts).
-- A message the server writes inside a sync push (an agent's reply on a case, the customer's
-- notification of a status change) is delivered after the push commits: pending_delivery
-- marks it until a dispatcher claims it (one conditional UPDATE, so it is sent once).
ALTER TABLE outbound_messages
  ADD COLUMN pending_delivery boolean NOT NULL DEFAULT false,
  ADD COLUMN case_id uuid REFERENCES cases (id) ON DELETE SET NULL;
CREATE INDEX outbound_messages_pending ON outbound_messages (created_at) WHERE pending_delivery;

-- Where a case came from: a call, an e-mail, an SMS or a letter the agent typed in.
ALTER TABLE cases
  ADD COLUMN source_channel text NOT NULL DEFAULT 'phone' CHECK (source_channel IN ('phone', 'email', 'sms', 'letter'));

-- One row per status change that could notify the customer: keyed by the change's timeline
-- event, so a retried mutation notifies once. outcome 'skipped' says why nothing was sent.
CREATE TABLE case_notifications (
  status_event_id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
  to_status text NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('queued', 'skipped')),
  reason text,
  message_id uuid REFERENCES outbound_messages (id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX case_notifications_case ON case_notifications (case_id, created_at DESC);
