// Indexes for the agent's home (handlers/home.ts): "my recent contacts" reads interactions
// by agent, "my open cases" reads cases by assignee. Without them both are full-table scans
// of the cache, repeated on every pull while the home is on screen.
import { type Migration } from './migration.js';

export const M0005_HOME_INDEXES: Migration = {
  name: 'home-0001_indexes',
  sql: `
CREATE INDEX interactions_agent ON interactions(agent_id, started_at DESC);
CREATE INDEX cases_assignee ON cases(assignee_id, status, sla_due_at);
`,
};
