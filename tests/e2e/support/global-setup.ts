// A fresh PostgreSQL database, seeded with the demo set, and the real server on it.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort, runScript, startProcess, type Running } from './processes.js';

/** The e2e server's CSV import upload limit (tests/e2e/import-errors.spec.ts goes over it). */
export const E2E_IMPORT_LIMIT_BYTES = 4 * 1024 * 1024;
const ADMIN_URL = process.env.SAPA_TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

declare global {
  var sapaE2eServer: Running | undefined;
  var sapaE2eDatabase: string | undefined;
  var sapaE2eReleasesDir: string | undefined;
}

export default async function globalSetup(): Promise<void> {
  const database = `sapa_e2e_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  globalThis.sapaE2eDatabase = database;

  const databaseUrl = ADMIN_URL.replace(/\/[^/]*$/, `/${database}`);
  await runScript('src/server/seed/cli.ts', ['--customers', '200', '--seed', '42'], { DATABASE_URL: databaseUrl, SAPA_DEMO: '1' });
  const port = await freePort();
  // The real SMTP ingress: contact-center e2e sends mail into it (tests/e2e/contact-center-email.spec.ts).
  const smtpPort = await freePort();
  // Uploaded desktop releases (tests/e2e/admin-releases.spec.ts) go to a folder of their own.
  globalThis.sapaE2eReleasesDir = mkdtempSync(path.join(os.tmpdir(), 'sapa-e2e-releases-'));
  const server = await startProcess(
    'src/server/main.ts',
    // A small import limit, so the import screen's "too large" can be shown without a 2 GiB upload.
    { DATABASE_URL: databaseUrl, PORT: String(port), HOST: '127.0.0.1', SAPA_IMPORT_MAX_BYTES: String(E2E_IMPORT_LIMIT_BYTES),
      SAPA_RELEASES_DIR: globalThis.sapaE2eReleasesDir, SAPA_SMTP_INGRESS_PORT: String(smtpPort), SAPA_AUTO_ACK: '0',
      // The case clock may be run ahead (POST /test/clock, admins): tests/e2e/case-board.spec.ts.
      SAPA_TEST_CLOCK: '1' },
    `http://127.0.0.1:${port}/api/v1/health`,
    'server',
  );
  globalThis.sapaE2eServer = server;
  process.env.SAPA_E2E_SERVER_URL = server.url;
  process.env.SAPA_E2E_DATABASE_URL = databaseUrl;
  process.env.SAPA_E2E_SMTP_PORT = String(smtpPort);
}
