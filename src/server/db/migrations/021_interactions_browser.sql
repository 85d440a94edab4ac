-- The lead's interactions browser (src/server/lead-interactions/): recorded calls and
-- handled e-mails and chats, filtered, sorted by date or duration and paged by keyset on
-- (key, id). Partial indexes over the channels it lists keep them small; one per sort, and
-- one per sort led by the agent (a lead's teams are a list of agents).

-- The queue an interaction was worked from. Null until the desktop's wrap-up carries it
-- (interaction.create does not yet): the browser's queue filter reads this column.
ALTER TABLE interactions ADD COLUMN queue_code text;

CREATE INDEX interactions_browser_date ON interactions (started_at, id)
  WHERE channel IN ('call_in', 'call_out', 'email', 'chat');
CREATE INDEX interactions_browser_agent_date ON interactions (agent_id, started_at, id)
  WHERE channel IN ('call_in', 'call_out', 'email', 'chat');
CREATE INDEX interactions_browser_duration ON interactions ((coalesce(duration_sec, 0)), id)
  WHERE channel IN ('call_in', 'call_out', 'email', 'chat');
CREATE INDEX interactions_browser_agent_duration ON interactions (agent_id, (coalesce(duration_sec, 0)), id)
  WHERE channel IN ('call_in', 'call_out', 'email', 'chat');

-- interactions.recording_id is text (the desktop's id); recordings are joined on it.
CREATE INDEX recordings_id_text ON recordings ((id::text));
CREATE INDEX recordings_recovered ON recordings ((id::text)) WHERE recovered;

-- Whose interactions a lead sees: the agents of the teams they lead.
CREATE INDEX teams_lead ON teams (lead_user_id) WHERE lead_user_id IS NOT NULL;
CREATE INDEX users_team ON users (team_id) WHERE team_id IS NOT NULL;
