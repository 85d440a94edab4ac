-- What the desktop records of a call while it happens (src/server/calls/call-events.ts):
-- the screen pop shown, holds and resumes, transfers, reply paragraphs inserted, the
-- wrap-up saved. They arrive through the sync outbox BEFORE the call's interaction (which
-- comes with the wrap-up), so interaction_id has no foreign key; the review reads only the
-- events whose author is the interaction's agent, so nobody can add to another's call.
CREATE TABLE call_events (
  id uuid PRIMARY KEY,
  interaction_id uuid NOT NULL,
  author_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('pop_shown', 'held', 'resumed', 'transferred', 'paragraph_inserted', 'wrap_up_saved')),
  at timestamptz NOT NULL,
  detail text CHECK (length(detail) <= 200),
  received_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX call_events_interaction ON call_events (interaction_id, at);

-- The queue a call came through: interaction.create looks up the agent's call task
-- (cc_tasks) around the call's start; done tasks are not in cc_tasks_agent.
CREATE INDEX cc_tasks_agent_calls ON cc_tasks (agent_id, assigned_at) WHERE kind = 'call';
