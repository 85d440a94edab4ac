-- SLA targets per case category × customer tier (Organisation → Case SLA): the response
-- target (the case first leaves `open`, or gets its first reply) and the resolution target,
-- both in WORKING hours on the office calendar. A pair with no row falls back to the
-- per-priority table (src/shared/case-sla.ts), so an install without rows behaves as before.
CREATE TABLE case_sla_targets (
  category text NOT NULL CHECK (category ~ '^[a-z0-9][a-z0-9_-]{0,39}$'),
  tier text NOT NULL CHECK (tier IN ('platinum', 'gold', 'silver', 'regular')),
  response_hours numeric(7, 2) NOT NULL CHECK (response_hours > 0 AND response_hours <= 2000),
  resolution_hours numeric(7, 2) NOT NULL CHECK (resolution_hours > 0 AND resolution_hours <= 2000),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by uuid REFERENCES users (id) ON DELETE SET NULL,
  PRIMARY KEY (category, tier),
  CHECK (response_hours <= resolution_hours)
);

-- A case's clocks and who holds it. response_due_at / responded_at: the response target and
-- when it was met; warn_at: when the case enters the last part of its resolution target (the
-- assignee's "due soon", server setting caseWarnPercent); team_id: the back-office team whose
-- queue holds it (assignee_id NULL: any member may take it); escalated_at: the last escalation.
ALTER TABLE cases
  ADD COLUMN response_due_at timestamptz,
  ADD COLUMN responded_at timestamptz,
  ADD COLUMN warn_at timestamptz,
  ADD COLUMN team_id uuid REFERENCES teams (id) ON DELETE SET NULL,
  ADD COLUMN escalated_at timestamptz;

-- The lead's board reads cases being worked, by team and due time.
CREATE INDEX cases_board ON cases (team_id, sla_due_at) WHERE status IN ('open', 'in_progress', 'waiting_customer');
