// Small single-row state kept in the cache: the sync cursor, the signed-in session and
// user settings. Separate from the bulk data paths so each stays easy to read.
import { SessionUser } from '../../../shared/http.js';
import { type CacheDb } from './open-cache.js';

export interface SyncCursorState {
  cursor: number;
  headVersion: number | null;
  lastSyncAt: string | null;
}

export interface StoredSession {
  token: string;
  user: SessionUser;
  expiresAt: string;
  serverUrl: string;
}

export interface LocalState {
  syncCursor(): SyncCursorState;
  session(): StoredSession | null;
  saveSession(session: StoredSession): void;
  clearSession(): void;
  setting(key: string): string | null;
  saveSetting(key: string, value: string | null): void;
}

export function createLocalState(db: CacheDb): LocalState {
  const cursor = db.prepare<[], { cursor: number; head_version: number | null; last_sync_at: string | null }>(
    'SELECT cursor, head_version, last_sync_at FROM sync_state WHERE id = 1');
  const getSession = db.prepare<[], { token: string; user_json: string; expires_at: string; server_url: string }>(
    'SELECT token, user_json, expires_at, server_url FROM session WHERE id = 1');
  const putSession = db.prepare(
    `INSERT INTO session (id, token, user_json, expires_at, server_url) VALUES (1, ?, ?, ?, ?)
     ON CONFLICT(id) DO UPDATE SET token = excluded.token, user_json = excluded.user_json,
       expires_at = excluded.expires_at, server_url = excluded.server_url`);
  const deleteSession = db.prepare('DELETE FROM session');
  const getSetting = db.prepare<[string], { value: string }>('SELECT value FROM settings WHERE key = ?');
  const putSetting = db.prepare(
    'INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
  const deleteSetting = db.prepare('DELETE FROM settings WHERE key = ?');

  return {
    syncCursor() {
      const row = cursor.get();
      return { cursor: row?.cursor ?? 0, headVersion: row?.head_version ?? null, lastSyncAt: row?.last_sync_at ?? null };
    },
    session() {
      const row = getSession.get();
      if (!row) return null;
      // A row written by an older build may not match today's shape: treat it as signed out.
      const user = SessionUser.safeParse(safeJson(row.user_json));
      if (!user.success) return null;
      return { token: row.token, user: user.data, expiresAt: row.expires_at, serverUrl: row.server_url };
    },
    saveSession(s) {
      putSession.run(s.token, JSON.stringify(s.user), s.expiresAt, s.serverUrl);
    },
    clearSession() {
      // Signed out means the token is gone from disk, not just from the table: its bytes are
      // overwritten in the page (secure_delete) and the WAL that held them is emptied.
      db.pragma('secure_delete = ON');
      try {
        deleteSession.run();
      } finally {
        db.pragma('secure_delete = OFF');
      }
      if (!db.inTransaction) db.pragma('wal_checkpoint(TRUNCATE)');
    },
    setting(key) {
      return getSetting.get(key)?.value ?? null;
    },
    saveSetting(key, value) {
      if (value === null) deleteSetting.run(key);
      else putSetting.run(key, value);
    },
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
