-- Reports (docs/reports.md, docs/decisions/0032): rollups folded from the event and record
-- tables so a yearly report reads at most 366 × dimension rows, never the raw history.
--
-- report_calls: one row per call that ended waiting (answered or abandoned), with the
-- figures of docs/reports.md already computed (its wait, its handle time once done) and the
-- dimensions it is reported by. Folded from cc_events by task (reports/service-rollup.ts):
-- a task's row is recomputed from all its events, so folding twice changes nothing.
CREATE TABLE report_calls (
  task_id uuid PRIMARY KEY,
  -- The local day (Asia/Jakarta) of its first answered, or its abandoned, event.
  day date NOT NULL,
  ended_wait_at timestamptz NOT NULL,
  queue_code text NOT NULL,
  site_code text NOT NULL DEFAULT '',
  team_id uuid,
  agent_id uuid,
  tier text NOT NULL DEFAULT '',
  answered boolean NOT NULL,
  wait_sec double precision NOT NULL,
  -- First answered → done; null until the call is done (or when never answered).
  handle_sec double precision
);
CREATE INDEX report_calls_day ON report_calls (day);
CREATE INDEX report_calls_team_day ON report_calls (team_id, day);
CREATE INDEX report_calls_agent_day ON report_calls (agent_id, day);
-- The drill-down's keyset order (a streamed export reads 5 000 calls at a time after the last).
CREATE INDEX report_calls_ended ON report_calls (ended_wait_at, task_id);

-- Per local day and dimension combination: the sums every service figure is made of.
-- A day is rebuilt whole from report_calls when any of its calls changed.
CREATE TABLE report_service_daily (
  day date NOT NULL,
  queue_code text NOT NULL,
  site_code text NOT NULL,
  team_id uuid,
  agent_id uuid,
  tier text NOT NULL,
  answered int NOT NULL,
  answered_in_target int NOT NULL,
  abandoned int NOT NULL,
  short_abandoned int NOT NULL,
  answered_wait_sec double precision NOT NULL,
  handled int NOT NULL,
  handle_sec double precision NOT NULL,
  handled_in_target int NOT NULL
);
CREATE INDEX report_service_daily_day ON report_service_daily (day);

-- Complaints and requests per local day of filing, category, source channel and tier.
CREATE TABLE report_cases_daily (
  day date NOT NULL,
  category text NOT NULL,
  channel text NOT NULL,
  tier text NOT NULL,
  filed int NOT NULL,
  resolved int NOT NULL,
  sla_met int NOT NULL,
  resolution_hours double precision NOT NULL,
  reopened int NOT NULL
);
CREATE INDEX report_cases_daily_day ON report_cases_daily (day);

-- How far each fold has read its source (cc_events.id; cases: the last version folded).
CREATE TABLE report_watermarks (
  source text PRIMARY KEY,
  last_id bigint NOT NULL DEFAULT 0,
  folded_at timestamptz
);
INSERT INTO report_watermarks (source) VALUES ('cc_events'), ('cases');

-- Reports mailed at the start of each period (the first working day), with the attachment.
CREATE TABLE report_schedules (
  id uuid PRIMARY KEY,
  report text NOT NULL,
  period_kind text NOT NULL CHECK (period_kind IN ('month', 'quarter', 'semester', 'year')),
  format text NOT NULL CHECK (format IN ('xlsx', 'pdf', 'csv')),
  language text NOT NULL CHECK (language IN ('id', 'en')),
  recipient_ids uuid[] NOT NULL CHECK (cardinality(recipient_ids) BETWEEN 1 AND 50),
  created_by uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  -- The period last mailed (its key); the sweep sends each period once.
  last_sent_key text,
  last_sent_at timestamptz,
  last_error text
);

-- Where a user's scheduled reports are mailed (null: none; the schedule screen says so).
ALTER TABLE users ADD COLUMN email text CHECK (email IS NULL OR email ~ '^[^@[:space:]]+@[^@[:space:]]+$');

-- Complaints report: how often a case came back from resolved/closed (cases/mutations.ts
-- counts it), and the fold's per-day rebuild reads cases by filing time.
ALTER TABLE cases ADD COLUMN reopened_count int NOT NULL DEFAULT 0;
CREATE INDEX cases_opened ON cases (opened_at);
