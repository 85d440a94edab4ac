// npm run server — the central server as a process.
// Env: PORT (4010), HOST (127.0.0.1), DATABASE_URL (else PGlite in SAPA_DATA_DIR, default
// .data/server, seeded with demo data on first run), LOG_LEVEL (info),
// SAPA_IMPORT_MAX_BYTES (largest CSV import upload, default 2 GiB; larger answers 413).
import pino from 'pino';
import { startServer } from './app.js';

const log = pino({ name: 'sapa-server', level: process.env.LOG_LEVEL ?? 'info' });
const databaseUrl = process.env.DATABASE_URL;
const importLimitText = process.env.SAPA_IMPORT_MAX_BYTES?.trim();
const importBodyLimit = importLimitText ? Number(importLimitText) : undefined;
if (importBodyLimit !== undefined && !(Number.isSafeInteger(importBodyLimit) && importBodyLimit > 0)) {
  log.error({ value: importLimitText }, 'SAPA_IMPORT_MAX_BYTES must be a positive whole number of bytes');
  process.exit(2);
}

const server = await startServer({
  ...(databaseUrl ? { databaseUrl } : { dataDir: process.env.SAPA_DATA_DIR ?? '.data/server', seedDemo: { customers: 300 } }),
  port: Number(process.env.PORT ?? 4010),
  host: process.env.HOST ?? '127.0.0.1',
  config: { logLevel: process.env.LOG_LEVEL ?? 'info', ...(importBodyLimit ? { importBodyLimit } : {}) },
}).catch((err: unknown) => {
  log.error({ err }, 'server failed to start');
  process.exit(1);
});

log.info({ url: server.url, engine: server.db.engine }, 'Sapa server listening');

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log.info({ signal }, 'shutting down');
  try {
    await server.close();
    process.exit(0);
  } catch (err) {
    log.error({ err }, 'shutdown failed');
    process.exit(1);
  }
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
