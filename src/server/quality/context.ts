// What every quality handler needs: the database and the clock (tests move time forward to
// close a dispute window).
import { type Db } from '../db/db.js';

export interface QualityContext {
  db: Db;
  now: () => Date;
}

export interface QualityOptions {
  clock?: () => Date;
  /** How often the sampling job runs (ms; 0: only on demand). Default 5 minutes. */
  samplingIntervalMs?: number;
}
