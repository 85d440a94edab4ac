-- Quality forms and evaluations (src/server/quality/, docs/quality.md, decision "quality
-- forms"): forms with immutable versions once used, evaluations that pin the version and
-- keep the score computed from it, comments pinned to a moment of the recording, the
-- agent's acknowledgement and dispute, and the re-score kept beside the original.

-- A form is a name; what it asks and how it scores lives in its versions.
CREATE TABLE quality_forms (
  id uuid PRIMARY KEY,
  name_id text NOT NULL CHECK (length(name_id) BETWEEN 1 AND 200),
  name_en text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 200),
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users (id) ON DELETE SET NULL
);

-- `definition` is the FormDefinition of src/shared/quality/form.ts. `used_at` is set when the
-- first evaluation pins the version; from then on the row is frozen (trigger below).
CREATE TABLE quality_form_versions (
  id uuid PRIMARY KEY,
  form_id uuid NOT NULL REFERENCES quality_forms (id) ON DELETE RESTRICT,
  version int NOT NULL CHECK (version >= 1),
  definition jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES users (id) ON DELETE SET NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  used_at timestamptz,
  UNIQUE (form_id, version)
);

-- SQLSTATE QF409: the server maps it to 409 CONFLICT (src/server/quality/db-refusals.ts).
CREATE FUNCTION quality_form_version_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.used_at IS NOT NULL THEN
    RAISE EXCEPTION 'quality form version % is used by an evaluation: make a new version (% refused)', OLD.id, TG_OP
      USING ERRCODE = 'QF409';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER quality_form_versions_frozen BEFORE UPDATE OR DELETE ON quality_form_versions
  FOR EACH ROW EXECUTE FUNCTION quality_form_version_frozen();

-- One evaluation of one interaction's agent on one form version. A re-score (after a
-- dispute) is an evaluation of its own pointing at the original (`rescore_of`): the original
-- row is never changed. `score` is the total of `result` (the ScoreResult of scoring.ts).
CREATE TABLE quality_evaluations (
  id uuid PRIMARY KEY,
  interaction_id uuid NOT NULL REFERENCES interactions (id) ON DELETE RESTRICT,
  agent_id uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
  evaluator_id uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
  form_version_id uuid NOT NULL REFERENCES quality_form_versions (id) ON DELETE RESTRICT,
  rescore_of uuid UNIQUE REFERENCES quality_evaluations (id) ON DELETE RESTRICT,
  answers jsonb NOT NULL,
  score numeric(4, 1) NOT NULL CHECK (score BETWEEN 0 AND 100),
  result jsonb NOT NULL,
  submitted_at timestamptz NOT NULL,
  acknowledged_at timestamptz,
  CHECK (evaluator_id <> agent_id)
);
CREATE INDEX quality_evaluations_agent ON quality_evaluations (agent_id, submitted_at DESC, id DESC);
CREATE INDEX quality_evaluations_interaction ON quality_evaluations (interaction_id);
CREATE INDEX quality_evaluations_version ON quality_evaluations (form_version_id);

-- Inserting: the pinned version becomes used (and frozen) in the same transaction; the
-- UPDATE takes the version's row lock, so an edit of the version running at the same time
-- waits and then sees used_at. A re-score must be of an original, on the same interaction
-- and version, by someone other than the original evaluator.
CREATE FUNCTION quality_evaluation_insert() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  orig quality_evaluations%ROWTYPE;
BEGIN
  IF NEW.rescore_of IS NOT NULL THEN
    SELECT * INTO orig FROM quality_evaluations WHERE id = NEW.rescore_of;
    IF orig.rescore_of IS NOT NULL OR orig.interaction_id <> NEW.interaction_id
       OR orig.form_version_id <> NEW.form_version_id OR orig.agent_id <> NEW.agent_id THEN
      RAISE EXCEPTION 'a re-score is of an original evaluation, same interaction, agent and form version' USING ERRCODE = 'QF400';
    END IF;
    IF orig.evaluator_id = NEW.evaluator_id THEN
      RAISE EXCEPTION 'a re-score is made by another evaluator than the original' USING ERRCODE = 'QF403';
    END IF;
  END IF;
  UPDATE quality_form_versions SET used_at = NEW.submitted_at WHERE id = NEW.form_version_id AND used_at IS NULL;
  RETURN NEW;
END $$;
CREATE TRIGGER quality_evaluations_insert BEFORE INSERT ON quality_evaluations
  FOR EACH ROW EXECUTE FUNCTION quality_evaluation_insert();

-- An evaluation is evidence: nothing in it changes except the agent's acknowledgement, once.
CREATE FUNCTION quality_evaluation_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR TG_OP = 'TRUNCATE'
     OR ROW(NEW.id, NEW.interaction_id, NEW.agent_id, NEW.evaluator_id, NEW.form_version_id, NEW.rescore_of, NEW.answers, NEW.score,
            NEW.result, NEW.submitted_at)
        IS DISTINCT FROM ROW(OLD.id, OLD.interaction_id, OLD.agent_id, OLD.evaluator_id, OLD.form_version_id, OLD.rescore_of,
            OLD.answers, OLD.score, OLD.result, OLD.submitted_at)
     OR (OLD.acknowledged_at IS NOT NULL AND NEW.acknowledged_at IS DISTINCT FROM OLD.acknowledged_at) THEN
    RAISE EXCEPTION 'a quality evaluation is never changed (% refused); a dispute brings a re-score beside it', TG_OP
      USING ERRCODE = 'QF409';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER quality_evaluations_frozen BEFORE UPDATE OR DELETE ON quality_evaluations
  FOR EACH ROW EXECUTE FUNCTION quality_evaluation_frozen();
CREATE TRIGGER quality_evaluations_no_truncate BEFORE TRUNCATE ON quality_evaluations
  FOR EACH STATEMENT EXECUTE FUNCTION quality_evaluation_frozen();

-- Comments pinned to a moment of the recording (ms from its start), append-only.
CREATE TABLE quality_comments (
  id uuid PRIMARY KEY,
  evaluation_id uuid NOT NULL REFERENCES quality_evaluations (id) ON DELETE RESTRICT,
  author_id uuid REFERENCES users (id) ON DELETE SET NULL,
  offset_ms int NOT NULL CHECK (offset_ms BETWEEN 0 AND 86400000),
  body text NOT NULL CHECK (length(body) BETWEEN 1 AND 2000),
  created_at timestamptz NOT NULL
);
CREATE INDEX quality_comments_evaluation ON quality_comments (evaluation_id, offset_ms, created_at);

-- The agent's dispute of an evaluation: one per evaluation (the primary key), with the
-- window in force when it was made; resolved by a re-score from another evaluator.
CREATE TABLE quality_disputes (
  evaluation_id uuid PRIMARY KEY REFERENCES quality_evaluations (id) ON DELETE RESTRICT,
  agent_id uuid NOT NULL REFERENCES users (id) ON DELETE RESTRICT,
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
  disputed_at timestamptz NOT NULL,
  window_hours int NOT NULL CHECK (window_hours >= 0),
  rescore_id uuid UNIQUE REFERENCES quality_evaluations (id) ON DELETE RESTRICT,
  resolved_at timestamptz,
  CHECK ((rescore_id IS NULL) = (resolved_at IS NULL))
);
CREATE INDEX quality_disputes_open ON quality_disputes (disputed_at) WHERE resolved_at IS NULL;

CREATE FUNCTION quality_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'QF409';
END $$;
CREATE TRIGGER quality_comments_append_only BEFORE UPDATE OR DELETE ON quality_comments
  FOR EACH ROW EXECUTE FUNCTION quality_append_only();

-- A dispute is resolved once (its re-score and when); nothing else of it ever changes.
CREATE FUNCTION quality_dispute_resolve_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.resolved_at IS NULL
     AND ROW(NEW.evaluation_id, NEW.agent_id, NEW.reason, NEW.disputed_at, NEW.window_hours)
         IS NOT DISTINCT FROM ROW(OLD.evaluation_id, OLD.agent_id, OLD.reason, OLD.disputed_at, OLD.window_hours) THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'quality_disputes is append-only: a dispute is resolved once (% refused)', TG_OP USING ERRCODE = 'QF409';
END $$;
CREATE TRIGGER quality_disputes_append_only BEFORE UPDATE OR DELETE ON quality_disputes
  FOR EACH ROW EXECUTE FUNCTION quality_dispute_resolve_once();
