// The dispute window, a server setting an admin changes at run time: one row of
// server_settings (migration 015) under its own key, so the generic settings screen, which
// lists its own keys, is not affected. No row: 48 hours (DEFAULT_DISPUTE_WINDOW_HOURS).
import { DEFAULT_DISPUTE_WINDOW_HOURS, QualitySettings } from '../../shared/quality/evaluation.js';
import { type Db } from '../db/db.js';

const KEY = 'qualityDisputeWindowHours';

export async function qualitySettings(db: Db): Promise<QualitySettings> {
  const [row] = await db.query<{ value: unknown }>('SELECT value FROM server_settings WHERE key = $1', [KEY]);
  const parsed = QualitySettings.shape.disputeWindowHours.safeParse(row?.value);
  return { disputeWindowHours: parsed.success ? parsed.data : DEFAULT_DISPUTE_WINDOW_HOURS };
}

export async function saveQualitySettings(db: Db, settings: QualitySettings, by: string): Promise<QualitySettings> {
  await db.query(
    `INSERT INTO server_settings (key, value, updated_at, updated_by) VALUES ($1, $2::jsonb, now(), $3)
     ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now(), updated_by = EXCLUDED.updated_by`,
    [KEY, JSON.stringify(settings.disputeWindowHours), by]);
  return qualitySettings(db);
}
