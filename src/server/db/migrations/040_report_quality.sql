-- Quality report (docs/reports.md, "Quality report"; src/server/reports/quality-report.ts):
-- the evaluations of the lead console (migration 020) summed per local day of submission,
-- team and agent, so a yearly report reads at most 366 × agents rows. A day is rebuilt whole
-- from quality_evaluations / quality_disputes when one of its evaluations, their re-score or
-- their dispute changed: triggers note the original evaluation's id in
-- report_quality_changes, the fold takes those notes (exact, whatever the rows' timestamps).
CREATE TABLE report_quality_daily (
  day date NOT NULL,
  -- The agent's team when the day was folded.
  team_id uuid,
  agent_id uuid NOT NULL,
  -- Original evaluations (a re-score is not a second evaluation: it replaces the score).
  evaluations int NOT NULL,
  -- Σ standing score (the re-score's when there is one, else the original's).
  score_sum double precision NOT NULL,
  -- Standing result with a failed fatal item (its score is 0 by the form's rule).
  fatal int NOT NULL,
  disputed int NOT NULL,
  -- Disputes resolved by a re-score, and the re-scores that changed the score.
  rescored int NOT NULL,
  score_changed int NOT NULL
);
CREATE INDEX report_quality_daily_day ON report_quality_daily (day);
-- The fold's per-day rebuild reads evaluations by submission time.
CREATE INDEX quality_evaluations_submitted ON quality_evaluations (submitted_at);

CREATE TABLE report_quality_changes (evaluation_id uuid NOT NULL);

CREATE FUNCTION report_quality_note() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_TABLE_NAME = 'quality_evaluations' THEN
    INSERT INTO report_quality_changes VALUES (COALESCE(NEW.rescore_of, NEW.id));
  ELSE
    INSERT INTO report_quality_changes VALUES (NEW.evaluation_id);
  END IF;
  RETURN NULL;
END $$;
CREATE TRIGGER quality_evaluations_report AFTER INSERT OR UPDATE ON quality_evaluations
  FOR EACH ROW EXECUTE FUNCTION report_quality_note();
CREATE TRIGGER quality_disputes_report AFTER INSERT OR UPDATE ON quality_disputes
  FOR EACH ROW EXECUTE FUNCTION report_quality_note();

-- The evaluations made before this migration: folded by the first fold.
INSERT INTO report_quality_changes SELECT id FROM quality_evaluations WHERE rescore_of IS NULL;
-- The fold's turn-taking lock and when it last ran.
INSERT INTO report_watermarks (source) VALUES ('quality');
