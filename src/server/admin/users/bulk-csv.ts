// Bulk create from CSV (the Users screen): a header row naming the columns of
// BULK_COLUMNS (any order, case and spacing ignored), then one user per row. Queues are
// separated by ";" ("billing;vip"), skills are code:level ("sales:3;retention:5"), the team
// is its name. Every row is checked (fields, codes, duplicates in the file and against
// existing users and extensions) before anything is written, and the file is all or
// nothing: with a single reject nothing is created, so a half-imported file never needs
// cleaning up; the admin fixes the listed rows and sends it again. The passwords come back
// once, as CSV text whose cells are spreadsheet-safe.
import { randomUUID } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import {
  BULK_COLUMNS, BULK_MAX_ROWS, type BulkCreateAnswer, type BulkReject, CreateUserRequest,
} from '../../../shared/admin-users.js';
import { SapaError } from '../../../shared/errors.js';
import { type SessionUser } from '../../../shared/http.js';
import { audit } from '../../auth/audit.js';
import { ARGON2_PARAMS, type Argon2Params, hashPassword } from '../../auth/passwords.js';
import { type Db } from '../../db/db.js';
import { withWriteTransaction } from '../../db/write-transaction.js';
import { spreadsheetSafe } from '../../http/spreadsheet-safe.js';
import { writeExtension } from '../../sip/extensions.js';
import { generatePassword } from './generate-password.js';
import { loadOrganisation, referenceProblems } from './references.js';

type Column = (typeof BULK_COLUMNS)[number];
const FIELD_COLUMN: Record<string, Column> = {
  username: 'username', displayName: 'display name', role: 'role', branch: 'branch', teamId: 'team',
  queues: 'queues', skills: 'skills', extension: 'extension',
};

const normalise = (header: string) => header.trim().toLowerCase().replace(/[\s_]+/g, ' ');
const list = (cell: string) => cell.split(/[;,]/).map((x) => x.trim()).filter(Boolean);

export async function bulkCreate(
  db: Db, actor: SessionUser, csv: string, ip: string, params: Argon2Params = ARGON2_PARAMS,
): Promise<BulkCreateAnswer> {
  let records: string[][];
  try {
    records = parse(csv.replace(/^\uFEFF/, ''), { relax_column_count: true, relax_quotes: true, skip_empty_lines: true, trim: true, max_record_size: 10_000 }) as string[][];
  } catch (error) {
    throw new SapaError('INVALID_INPUT', `The file is not readable CSV: ${error instanceof Error ? error.message : String(error)}`);
  }
  const [header, ...rows] = records;
  if (!header) throw new SapaError('INVALID_INPUT', 'The file is empty');
  const columns = header.map(normalise);
  const missing = (['username', 'display name', 'role'] as const).filter((c) => !columns.includes(c));
  const unknown = columns.filter((c) => !(BULK_COLUMNS as readonly string[]).includes(c));
  if (missing.length || unknown.length) {
    throw new SapaError('INVALID_INPUT', [
      missing.length ? `missing column(s): ${missing.join(', ')}` : '',
      unknown.length ? `unknown column(s): ${unknown.join(', ')}` : '',
    ].filter(Boolean).join('; '), { expected: BULK_COLUMNS });
  }
  if (rows.length === 0) throw new SapaError('INVALID_INPUT', 'The file has a header but no users');
  if (rows.length > BULK_MAX_ROWS) throw new SapaError('TOO_LARGE', `At most ${BULK_MAX_ROWS} users per file (this one has ${rows.length})`);

  const org = await loadOrganisation(db);
  const rejects: BulkReject[] = [];
  const valid: { row: number; user: CreateUserRequest }[] = [];
  const seenNames = new Map<string, number>();
  const seenExtensions = new Map<string, number>();

  rows.forEach((cells, index) => {
    const row = index + 2; // the header is row 1, as a spreadsheet numbers them
    const cell = (c: Column) => cells[columns.indexOf(c)] ?? '';
    const reject = (column: string, reason: string) => rejects.push({ row, column, reason });
    const teamName = cell('team');
    const teamId = teamName ? org.teamsByName.get(teamName.toLowerCase()) : null;
    if (teamName && !teamId) reject('team', `unknown team "${teamName}"`);
    const skills = list(cell('skills')).map((s) => {
      const [code = '', level = ''] = s.split(':').map((x) => x.trim());
      return { code, level: Number(level || NaN) };
    });
    const parsed = CreateUserRequest.safeParse({
      username: cell('username'), displayName: cell('display name'), role: cell('role').toLowerCase(),
      branch: cell('branch') || null, teamId: teamId ?? null, queues: list(cell('queues')), skills,
      extension: cell('extension') || null,
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        reject(FIELD_COLUMN[field] ?? field, field === 'skills' && issue.path.length > 1 ? 'a skill is code:level with a level 1–5' : issue.message);
      }
      return;
    }
    const user = parsed.data;
    for (const p of referenceProblems(org, user)) reject(FIELD_COLUMN[p.field] ?? p.field, p.reason);
    const firstName = seenNames.get(user.username);
    if (firstName !== undefined) reject('username', `the username ${user.username} is also on row ${firstName}`);
    else seenNames.set(user.username, row);
    if (user.extension) {
      const firstExt = seenExtensions.get(user.extension);
      if (firstExt !== undefined) reject('extension', `extension ${user.extension} is also on row ${firstExt}`);
      else seenExtensions.set(user.extension, row);
    }
    if (!rejects.some((r) => r.row === row)) valid.push({ row, user });
  });

  // Against what the database holds already.
  const taken = new Set((await db.query<{ username: string }>(
    'SELECT username FROM users WHERE username = ANY($1::text[])', [[...seenNames.keys()]])).map((r) => r.username));
  const usedExt = new Set((await db.query<{ extension: string }>(
    'SELECT extension FROM agent_extensions WHERE extension = ANY($1::text[])', [[...seenExtensions.keys()]])).map((r) => r.extension));
  for (const { row, user } of valid) {
    if (taken.has(user.username)) rejects.push({ row, column: 'username', reason: `the username ${user.username} is taken` });
    if (user.extension && usedExt.has(user.extension)) rejects.push({ row, column: 'extension', reason: `extension ${user.extension} belongs to another user` });
  }
  if (rejects.length) {
    rejects.sort((a, b) => a.row - b.row);
    return { created: 0, rejects, passwordsCsv: null };
  }

  const made = await Promise.all(valid.map(async ({ user }) => {
    const password = generatePassword(user.username);
    return { user, password, hash: await hashPassword(password, params), id: randomUUID() };
  }));
  await withWriteTransaction(db, async (tx) => {
    for (const { user, hash, id } of made) {
      const inserted = await tx.query<{ id: string }>(
        `INSERT INTO users (id, username, display_name, role, password_hash, branch, team_id, queues)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8::text[]) ON CONFLICT (username) DO NOTHING RETURNING id`,
        [id, user.username, user.displayName, user.role, hash, user.branch, user.teamId, [...user.queues].sort()]);
      // Taken between the check and now (another admin): the whole file rolls back.
      if (inserted.length === 0) throw new SapaError('CONFLICT', `The username ${user.username} was taken meanwhile; nothing was created`);
      for (const skill of user.skills) {
        await tx.query('INSERT INTO user_skills (user_id, skill_code, level) VALUES ($1, $2, $3)', [id, skill.code, skill.level]);
      }
      if (user.extension) await writeExtension(tx, id, user.extension);
    }
  });
  for (const { user, id } of made) {
    await audit(db, 'user_created', actor.id, user.username, { role: user.role, via: 'csv bulk create', userId: id }, ip);
  }
  const passwordsCsv = stringify([
    ['username', 'display name', 'password'],
    ...made.map(({ user, password }) => [user.username, user.displayName, password].map(spreadsheetSafe)),
  ]);
  return { created: made.length, rejects: [], passwordsCsv };
}
