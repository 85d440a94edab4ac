-- Listen, whisper and barge (src/server/floor/monitor.ts, decision 0024): one row per session
-- of a lead (or admin) on an agent's call. The audit log holds each start, mode change and
-- end; this table holds what is going on now (at most one open session per agent).
CREATE TABLE monitor_sessions (
  id uuid PRIMARY KEY,
  agent_id uuid NOT NULL REFERENCES users(id),
  lead_id uuid NOT NULL REFERENCES users(id),
  mode text NOT NULL CHECK (mode IN ('listen', 'whisper', 'barge')),
  started_at timestamptz NOT NULL DEFAULT now(),
  ended_at timestamptz,
  end_reason text CHECK (end_reason IN ('stopped', 'call_ended', 'replaced', 'failed'))
);
CREATE UNIQUE INDEX monitor_sessions_open_agent ON monitor_sessions (agent_id) WHERE ended_at IS NULL;
CREATE INDEX monitor_sessions_open_lead ON monitor_sessions (lead_id) WHERE ended_at IS NULL;
