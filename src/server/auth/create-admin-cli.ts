// npm run create-admin -- --username NAME [--display-name "Full Name"]
// The first admin of a real install (demo users never reach one: seed/demo-gate.ts). The
// password is asked for on the terminal without echo (twice), or read from the first line
// of stdin when stdin is not a terminal (scripts, tests). A password that breaks the policy
// or a username that exists is refused and nothing is written. Messages follow LANG
// (Bahasa Indonesia for id*, else English).
// Uses DATABASE_URL, else the PGlite data folder SAPA_DATA_DIR (default .data/server; stop
// the server first: an embedded database has one user at a time).
import { parseArgs } from 'node:util';
import { SapaError } from '../../shared/errors.js';
import { PASSWORD_MIN_LENGTH, type PasswordProblem } from '../../shared/password-policy.js';
import { openDb } from '../db/open.js';
import { createUser } from './create-user.js';

const TEXT = {
  en: {
    usage: 'usage: npm run create-admin -- --username NAME [--display-name "Full Name"]',
    password: 'Password for the new admin: ',
    again: 'Type it again: ',
    mismatch: 'The two passwords differ; nothing was created.',
    noPassword: 'No password given on stdin; nothing was created.',
    weak: 'That password is not allowed; nothing was created:',
    problems: {
      too_short: `it must have at least ${PASSWORD_MIN_LENGTH} characters`,
      too_long: 'it is too long',
      contains_username: 'it may not contain the username',
      common: 'it is one of the passwords guessers try first',
    } satisfies Record<PasswordProblem, string>,
    taken: (u: string) => `The username ${u} exists already; nothing was created.`,
    created: (u: string) => `Admin ${u} created. Sign in with it and add the other users.`,
  },
  id: {
    usage: 'cara pakai: npm run create-admin -- --username NAMA [--display-name "Nama Lengkap"]',
    password: 'Kata sandi untuk admin baru: ',
    again: 'Ketik sekali lagi: ',
    mismatch: 'Kedua kata sandi berbeda; tidak ada yang dibuat.',
    noPassword: 'Tidak ada kata sandi di stdin; tidak ada yang dibuat.',
    weak: 'Kata sandi itu tidak diizinkan; tidak ada yang dibuat:',
    problems: {
      too_short: `minimal ${PASSWORD_MIN_LENGTH} karakter`,
      too_long: 'terlalu panjang',
      contains_username: 'tidak boleh memuat nama pengguna',
      common: 'termasuk kata sandi yang paling dulu dicoba penebak',
    } satisfies Record<PasswordProblem, string>,
    taken: (u: string) => `Nama pengguna ${u} sudah ada; tidak ada yang dibuat.`,
    created: (u: string) => `Admin ${u} dibuat. Masuk dengan akun itu lalu tambahkan pengguna lain.`,
  },
};
const text = (process.env.LC_ALL ?? process.env.LANG ?? '').toLowerCase().startsWith('id') ? TEXT.id : TEXT.en;

function fail(message: string, code = 1): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

/** One line from the terminal with echo off (raw mode: we see each key and print nothing). */
function askHidden(prompt: string): Promise<string> {
  return new Promise((resolve) => {
    const input = process.stdin;
    process.stderr.write(prompt);
    input.setRawMode(true);
    input.resume();
    input.setEncoding('utf8');
    let answer = '';
    const onData = (chunk: string): void => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') {
          input.setRawMode(false);
          input.pause();
          input.off('data', onData);
          process.stderr.write('\n');
          resolve(answer);
          return;
        }
        if (ch === '\u0003') { input.setRawMode(false); fail('', 130); } // Ctrl+C
        if (ch === '\u007f' || ch === '\b') answer = [...answer].slice(0, -1).join('');
        else answer += ch;
      }
    };
    input.on('data', onData);
  });
}

/** The first line of stdin (a password file or a pipe), without its line end. */
async function firstLineOfStdin(): Promise<string> {
  let all = '';
  for await (const chunk of process.stdin) all += String(chunk);
  return all.split(/\r?\n/)[0] ?? '';
}

async function readPassword(): Promise<string> {
  if (!process.stdin.isTTY) {
    const password = await firstLineOfStdin();
    if (!password) fail(text.noPassword, 2);
    return password;
  }
  const first = await askHidden(text.password);
  const second = await askHidden(text.again);
  if (first !== second) fail(text.mismatch);
  return first;
}

const { values } = parseArgs({ options: { username: { type: 'string' }, 'display-name': { type: 'string' } } });
const username = values.username?.trim();
if (!username) fail(text.usage, 2);
const databaseUrl = process.env.DATABASE_URL;
const db = await openDb(databaseUrl ? { databaseUrl } : { dataDir: process.env.SAPA_DATA_DIR ?? '.data/server' });
try {
  // Asked first so nobody types a password for nothing; createUser refuses a taken name again.
  const [taken] = await db.query('SELECT 1 FROM users WHERE username = $1', [username]);
  if (taken) throw new SapaError('CONFLICT', `The username ${username} is taken`);
  const password = await readPassword();
  await createUser(db, {
    username, displayName: values['display-name']?.trim() || username, role: 'admin', password,
  }, { id: null, via: 'create-admin' });
  process.stdout.write(`${text.created(username)}\n`);
} catch (error) {
  if (!(error instanceof SapaError)) throw error;
  if (error.code === 'WEAK_PASSWORD') {
    const { problems } = error.details as { problems: PasswordProblem[] };
    process.stderr.write(`${text.weak}\n${problems.map((p) => `  - ${text.problems[p]}`).join('\n')}\n`);
  } else if (error.code === 'CONFLICT') {
    process.stderr.write(`${text.taken(username)}\n`);
  } else {
    process.stderr.write(`${error.message}\n`);
  }
  process.exitCode = 1;
} finally {
  await db.close();
}
