// The reply library. The FTS index is an external-content FTS5 table kept in step by
// triggers: the library is small (thousands of rows, not millions), so the simplicity is
// worth more than the bulk-sync speed the customers index needed.
import { type Migration } from './migration.js';

export const M0002_REPLY_PARAGRAPHS: Migration = {
  name: 'replies-0001_paragraphs',
  sql: `
CREATE TABLE reply_paragraphs (
  id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  shortcut TEXT NOT NULL,
  category TEXT NOT NULL,
  channels TEXT NOT NULL,   -- JSON array
  language TEXT NOT NULL,
  tiers TEXT NOT NULL,      -- JSON array, [] = every tier
  body TEXT NOT NULL,
  status TEXT NOT NULL,
  revision INTEGER NOT NULL,
  author_id TEXT,
  author_name TEXT,
  updated_at TEXT NOT NULL,
  usage_count INTEGER NOT NULL,
  version INTEGER NOT NULL
);
CREATE INDEX reply_paragraphs_shortcut ON reply_paragraphs(shortcut);

CREATE VIRTUAL TABLE reply_paragraphs_fts USING fts5(
  title, shortcut, body,
  content='reply_paragraphs', content_rowid='rowid',
  prefix='2 3',
  tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER reply_paragraphs_ai AFTER INSERT ON reply_paragraphs BEGIN
  INSERT INTO reply_paragraphs_fts (rowid, title, shortcut, body) VALUES (new.rowid, new.title, new.shortcut, new.body);
END;
CREATE TRIGGER reply_paragraphs_ad AFTER DELETE ON reply_paragraphs BEGIN
  INSERT INTO reply_paragraphs_fts (reply_paragraphs_fts, rowid, title, shortcut, body)
    VALUES ('delete', old.rowid, old.title, old.shortcut, old.body);
END;
CREATE TRIGGER reply_paragraphs_au AFTER UPDATE ON reply_paragraphs BEGIN
  INSERT INTO reply_paragraphs_fts (reply_paragraphs_fts, rowid, title, shortcut, body)
    VALUES ('delete', old.rowid, old.title, old.shortcut, old.body);
  INSERT INTO reply_paragraphs_fts (rowid, title, shortcut, body) VALUES (new.rowid, new.title, new.shortcut, new.body);
END;
`,
};
