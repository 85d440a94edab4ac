-- Cases get a real write path (case.create through the sync push): what the agent wrote,
-- the call or e-mail the case came from, who filed it. Case numbers come from a sequence;
-- it starts above the demo seed's numbers (K-000001 …) so the two never collide.
ALTER TABLE cases
  ADD COLUMN description text NOT NULL DEFAULT '',
  ADD COLUMN interaction_id uuid,
  ADD COLUMN created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

CREATE SEQUENCE case_no_seq START 1000001;

-- The profile's complaint count ("last 90 days") reads this.
CREATE INDEX cases_customer_category ON cases (customer_id, category, opened_at DESC);

-- Escalation of a case past its due time (cases/escalation.ts): 0 none, 1 the assignee's
-- team lead, 2 the next level (an admin). escalated_to is who holds the escalation now.
ALTER TABLE cases
  ADD COLUMN escalation_level smallint NOT NULL DEFAULT 0 CHECK (escalation_level BETWEEN 0 AND 2),
  ADD COLUMN escalated_to uuid REFERENCES users (id) ON DELETE SET NULL;
CREATE INDEX cases_breach ON cases (sla_due_at) WHERE status IN ('open', 'in_progress', 'waiting_customer') AND escalation_level < 2;
