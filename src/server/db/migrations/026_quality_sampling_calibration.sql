-- Quality sampling and calibration (src/server/quality/sampling*.ts, calibration*.ts,
-- docs/quality.md "Sampling" and "Calibration").

-- A sampling policy: its rule (the SamplingRule of src/shared/quality/sampling.ts), the team
-- it samples (null: every team), the cap per evaluator per week, when an item is due, the
-- seed of its picks, and how far the job has read (interactions ended up to scanned_until).
CREATE TABLE quality_sampling_policies (
  id uuid PRIMARY KEY,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
  kind text NOT NULL CHECK (kind IN ('per_agent', 'disposition', 'vvip_complaint', 'random')),
  rule jsonb NOT NULL,
  team_id uuid REFERENCES teams (id) ON DELETE CASCADE,
  cap_per_week int NOT NULL CHECK (cap_per_week BETWEEN 1 AND 500),
  due_days int NOT NULL CHECK (due_days BETWEEN 1 AND 30),
  seed int NOT NULL CHECK (seed >= 0),
  active boolean NOT NULL DEFAULT true,
  scanned_until timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- The review queue: one item per sampled interaction (the first policy to pick it wins),
-- assigned to the lead of the agent's team within the cap (else null: unassigned, shown to
-- the team's lead and admins), due at due_at; an evaluation of the interaction clears it.
CREATE TABLE quality_review_queue (
  id uuid PRIMARY KEY,
  interaction_id uuid NOT NULL UNIQUE REFERENCES interactions (id) ON DELETE CASCADE,
  policy_id uuid REFERENCES quality_sampling_policies (id) ON DELETE SET NULL,
  kind text NOT NULL,
  agent_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  team_id uuid REFERENCES teams (id) ON DELETE SET NULL,
  assignee_id uuid REFERENCES users (id) ON DELETE SET NULL,
  week_start timestamptz NOT NULL,
  day_of_week smallint NOT NULL CHECK (day_of_week BETWEEN 0 AND 6),
  sampled_at timestamptz NOT NULL,
  due_at timestamptz NOT NULL,
  done_at timestamptz,
  evaluation_id uuid REFERENCES quality_evaluations (id) ON DELETE SET NULL
);
CREATE INDEX quality_review_queue_open ON quality_review_queue (due_at) WHERE done_at IS NULL;
CREATE INDEX quality_review_queue_policy ON quality_review_queue (policy_id, agent_id, week_start);
CREATE INDEX quality_review_queue_assignee ON quality_review_queue (assignee_id, week_start);
CREATE INDEX interactions_ended ON interactions (ended_at) WHERE ended_at IS NOT NULL;

-- A calibration session: one interaction, one form version, an owner, a reference evaluator.
CREATE TABLE quality_calibration_sessions (
  id uuid PRIMARY KEY,
  interaction_id uuid NOT NULL REFERENCES interactions (id) ON DELETE RESTRICT,
  form_version_id uuid NOT NULL REFERENCES quality_form_versions (id) ON DELETE RESTRICT,
  owner_id uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
  reference_id uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
  created_at timestamptz NOT NULL,
  closed_at timestamptz
);

CREATE TABLE quality_calibration_participants (
  session_id uuid NOT NULL REFERENCES quality_calibration_sessions (id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
  PRIMARY KEY (session_id, user_id)
);
CREATE INDEX quality_calibration_participants_user ON quality_calibration_participants (user_id);

-- A participant's blind score: kept apart from quality_evaluations, so it never counts as
-- the agent's. Once per participant per session, never changed (append-only trigger).
CREATE TABLE quality_calibration_scores (
  session_id uuid NOT NULL REFERENCES quality_calibration_sessions (id) ON DELETE RESTRICT,
  evaluator_id uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
  answers jsonb NOT NULL,
  score numeric(4, 1) NOT NULL CHECK (score BETWEEN 0 AND 100),
  result jsonb NOT NULL,
  submitted_at timestamptz NOT NULL,
  PRIMARY KEY (session_id, evaluator_id),
  FOREIGN KEY (session_id, evaluator_id) REFERENCES quality_calibration_participants (session_id, user_id) ON DELETE RESTRICT
);
CREATE TRIGGER quality_calibration_scores_append_only BEFORE UPDATE OR DELETE ON quality_calibration_scores
  FOR EACH ROW EXECUTE FUNCTION quality_append_only();
