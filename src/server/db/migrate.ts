// Numbered, append-only migrations (NNN_name.sql) tracked in schema_migrations with a
// sha256 checksum. A database whose applied history differs from the files (a changed
// migration, or one this build does not know) is refused: running on it would be a guess.
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { SapaError } from '../../shared/errors.js';
import { type Db } from './db.js';

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));
const NAME_PATTERN = /^(\d{3})_[a-z0-9_]+\.sql$/;

export async function loadMigrations(dir: string = MIGRATIONS_DIR): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.sql')).sort();
  const migrations: Migration[] = [];
  for (const [index, file] of files.entries()) {
    const match = NAME_PATTERN.exec(file);
    if (!match || Number(match[1]) !== index + 1) {
      throw new SapaError('INTERNAL', `Migration files must be numbered 001, 002, … without gaps; found ${file}`);
    }
    const sql = await readFile(`${dir}/${file}`, 'utf8');
    migrations.push({ name: file.replace(/\.sql$/, ''), sql, checksum: sha256(sql) });
  }
  return migrations;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Applies pending migrations, each in its own transaction; returns the names applied. */
export async function migrate(db: Db, migrations?: Migration[]): Promise<string[]> {
  const all = migrations ?? (await loadMigrations());
  await db.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
    name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
  const applied = await db.query<{ name: string; checksum: string }>(
    'SELECT name, checksum FROM schema_migrations ORDER BY name',
  );
  const known = new Map(all.map((m) => [m.name, m]));
  for (const row of applied) {
    const file = known.get(row.name);
    if (!file) {
      throw new SapaError('INTERNAL',
        `Database has migration ${row.name} that this server does not know; refusing to start (is the server older than the database?)`);
    }
    if (file.checksum !== row.checksum) {
      throw new SapaError('INTERNAL',
        `Migration ${row.name} was changed after it was applied (checksum differs); refusing to start. Add a new migration instead of editing an applied one.`);
    }
  }
  const done = new Set(applied.map((r) => r.name));
  const ran: string[] = [];
  for (const m of all) {
    if (done.has(m.name)) continue;
    await db.transaction(async (tx) => {
      for (const statement of splitStatements(m.sql)) await tx.query(statement);
      await tx.query('INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)', [m.name, m.checksum]);
    });
    ran.push(m.name);
  }
  return ran;
}

/**
 * Splits a migration into statements (extended-protocol queries take one at a time).
 * Understands `--` comments and `$$` bodies, which is all our migrations use.
 */
export function splitStatements(sql: string): string[] {
  const out: string[] = [];
  let current = '';
  let inDollar = false;
  for (const line of sql.split('\n')) {
    const trimmed = line.trim();
    if (!inDollar && trimmed.startsWith('--')) continue;
    current += `${line}\n`;
    if ((line.match(/\$\$/g)?.length ?? 0) % 2 === 1) inDollar = !inDollar;
    if (!inDollar && trimmed.endsWith(';')) {
      out.push(current.trim());
      current = '';
    }
  }
  if (current.trim()) out.push(current.trim());
  return out;
}
