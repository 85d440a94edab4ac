// A case's response clock, its "due soon" moment and its team queue (server migration 029,
// src/shared/case-sla.ts): synced with the case so the customer screen shows both clocks and
// the home warns the assignee offline too. Rows cached before this fill in at the next pull.
import { type Migration } from './migration.js';

export const M0008_CASE_CLOCKS: Migration = {
  name: '0008_case_clocks',
  sql: `
ALTER TABLE cases ADD COLUMN response_due_at TEXT;
ALTER TABLE cases ADD COLUMN responded_at TEXT;
ALTER TABLE cases ADD COLUMN warn_at TEXT;
ALTER TABLE cases ADD COLUMN team_id TEXT;
`,
};
