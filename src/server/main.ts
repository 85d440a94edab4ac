// npm run server — the central server as a process.
// Env: PORT (4010), HOST (127.0.0.1), DATABASE_URL (else PGlite in SAPA_DATA_DIR, default
// .data/server), LOG_LEVEL (info), SAPA_IMPORT_MAX_BYTES (largest CSV import upload,
// default 2 GiB; larger answers 413), SAPA_DEMO=1 (PGlite only: seed the demo set with its
// public-password users on first run; `npm start` sets it), SAPA_TRUST_PROXY (behind a
// reverse proxy: 1, or its address list), SAPA_LOGIN_LIMIT_PER_IP / SAPA_LOGIN_LIMIT_PER_ACCOUNT
// (refused sign-ins per minute before 429, defaults in config.ts), SAPA_SESSION_CACHE_TTL_MS
// (the in-memory session check, default 30000; 0 asks the database at every request),
// DATABASE_READ_URL (a PostgreSQL streaming replica of DATABASE_URL: pulls, lookups and
// search read there; docs/operator-guide.md "Read replicas").
import pino from 'pino';
import { startServer } from './app.js';
import { DEFAULT_CONFIG, type ServerConfig } from './config.js';
import { demoFlagSet, serverDemoSeed } from './seed/demo-gate.js';

const log = pino({ name: 'sapa-server', level: process.env.LOG_LEVEL ?? 'info' });
const databaseUrl = process.env.DATABASE_URL;
const databaseReadUrl = process.env.DATABASE_READ_URL?.trim() || undefined;
if (databaseReadUrl && !databaseUrl) {
  log.error('DATABASE_READ_URL needs DATABASE_URL: a read replica is a replica of a PostgreSQL primary');
  process.exit(2);
}

/** A positive whole number from the environment, or undefined when unset; exits on nonsense. */
function positiveInt(name: string, what: string): number | undefined {
  const text = process.env[name]?.trim();
  if (!text) return undefined;
  const value = Number(text);
  if (!(Number.isSafeInteger(value) && value > 0)) {
    log.error({ value: text }, `${name} must be a positive whole number of ${what}`);
    process.exit(2);
  }
  return value;
}

const importBodyLimit = positiveInt('SAPA_IMPORT_MAX_BYTES', 'bytes');
const perIpPerMinute = positiveInt('SAPA_LOGIN_LIMIT_PER_IP', 'refused sign-ins per minute');
const perAccountPerMinute = positiveInt('SAPA_LOGIN_LIMIT_PER_ACCOUNT', 'refused sign-ins per minute');
const trustProxyText = process.env.SAPA_TRUST_PROXY?.trim();
const sessionCacheText = process.env.SAPA_SESSION_CACHE_TTL_MS?.trim();
const sessionCacheTtlMs = sessionCacheText === '0' ? 0 : positiveInt('SAPA_SESSION_CACHE_TTL_MS', 'milliseconds');
const limits = DEFAULT_CONFIG.loginRateLimit;
const config: Partial<ServerConfig> = {
  logLevel: process.env.LOG_LEVEL ?? 'info',
  ...(importBodyLimit ? { importBodyLimit } : {}),
  loginRateLimit: {
    perIp: perIpPerMinute ? { max: perIpPerMinute, windowMs: 60_000 } : limits.perIp,
    perAccount: perAccountPerMinute ? { max: perAccountPerMinute, windowMs: 60_000 } : limits.perAccount,
  },
  ...(sessionCacheTtlMs !== undefined ? { sessionCache: { ...DEFAULT_CONFIG.sessionCache, ttlMs: sessionCacheTtlMs } } : {}),
  ...(trustProxyText ? { trustProxy: trustProxyText === '1' || trustProxyText === 'true' ? true : trustProxyText } : {}),
};

// Demo users have public passwords: only an embedded demo database asked for with
// SAPA_DEMO=1 gets them, never PostgreSQL (seed/demo-gate.ts).
const seedDemo = serverDemoSeed();
if (demoFlagSet() && databaseUrl) log.warn('SAPA_DEMO is ignored on PostgreSQL: the server never writes demo users there');
const server = await startServer({
  ...(databaseUrl ? { databaseUrl, ...(databaseReadUrl ? { databaseReadUrl } : {}) } : { dataDir: process.env.SAPA_DATA_DIR ?? '.data/server', ...(seedDemo ? { seedDemo } : {}) }),
  port: Number(process.env.PORT ?? 4010),
  host: process.env.HOST ?? '127.0.0.1',
  config,
}).catch((err: unknown) => {
  log.error({ err }, 'server failed to start');
  process.exit(1);
});

log.info({ url: server.url, engine: server.db.engine }, 'Sapa server listening');
const [users] = await server.db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
if ((users?.n ?? 0) === 0) log.warn('no users yet: create the first admin with `npm run create-admin` (docs/operator-guide.md)');

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
