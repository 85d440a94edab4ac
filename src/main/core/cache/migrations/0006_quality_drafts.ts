// A lead's evaluations being written (src/main/core/quality/drafts.ts): one row per
// evaluator, interaction and form version, the form as left (JSON), saved on every change.
// `queued` = Save was pressed offline: the evaluation is in the outbox (evaluation.submit).
import { type Migration } from './migration.js';

export const M0006_QUALITY_DRAFTS: Migration = {
  name: '0006_quality_drafts',
  sql: `
CREATE TABLE quality_drafts (
  evaluator_id TEXT NOT NULL,
  interaction_id TEXT NOT NULL,
  form_version_id TEXT NOT NULL,
  body TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  queued INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (evaluator_id, interaction_id, form_version_id)
);
`,
};
