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
