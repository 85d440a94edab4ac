// The cache's numbered, append-only migrations, in the order they run. Never edit or
// reorder an entry once released: the cache stores each applied migration's name and
// checksum and refuses to open when they differ (see ../open-cache.ts). Add a new file
// `NNNN_<what>.ts` and append it here.
//
// The recorded names of 0002–0005 keep the spelling they were released with
// (`replies-0001_paragraphs`, `sync-0001_outbox`, `sync-0002_working_set`,
// `home-0001_indexes`): a cache that
// applied them under those names must keep opening. New migrations are named like their
// file (`0006_<what>`).
//
// At-rest encryption (later): the file will be opened with
// `better-sqlite3-multiple-ciphers` (API-compatible) and a key kept in Electron safeStorage.
import { M0001_INITIAL } from './0001_initial.js';
import { M0002_REPLY_PARAGRAPHS } from './0002_reply_paragraphs.js';
import { M0003_OUTBOX_NOTES_CALLBACKS } from './0003_outbox_notes_callbacks.js';
import { M0004_WORKING_SET } from './0004_working_set.js';
import { M0005_HOME_INDEXES } from './0005_home_indexes.js';
import { M0006_QUALITY_DRAFTS } from './0006_quality_drafts.js';
import { M0007_ORDER_EXPECTED } from './0007_order_expected.js';
import { M0008_CASE_CLOCKS } from './0008_case_clocks.js';
import { M0009_FIELD_SALES } from './0009_field_sales.js';
import { M0010_PORTFOLIO_COPY } from './0010_portfolio_copy.js';
import { type Migration } from './migration.js';

export { type Migration } from './migration.js';

export const MIGRATIONS: readonly Migration[] = [
  M0001_INITIAL,
  M0002_REPLY_PARAGRAPHS,
  M0003_OUTBOX_NOTES_CALLBACKS,
  M0004_WORKING_SET,
  M0005_HOME_INDEXES,
  M0006_QUALITY_DRAFTS,
  M0007_ORDER_EXPECTED,
  M0008_CASE_CLOCKS,
  M0009_FIELD_SALES,
  M0010_PORTFOLIO_COPY,
];
