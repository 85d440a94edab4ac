// The working set: customers this desktop replicates, with when they were last used.
import { type Migration } from './migration.js';

export const M0004_WORKING_SET: Migration = {
  name: 'sync-0002_working_set',
  sql: `
CREATE TABLE working_set (
  customer_id TEXT PRIMARY KEY,
  last_used_at TEXT NOT NULL,
  refresh INTEGER NOT NULL DEFAULT 0   -- 1 = joined on the server: fetch the 360 once more
);
CREATE INDEX working_set_lru ON working_set(last_used_at);
`,
};
