// Server settings with their defaults; main.ts fills them from the environment.
import { ARGON2_PARAMS, type Argon2Params } from './auth/passwords.js';

/** A budget of refused sign-ins (@fastify/rate-limit, kept in this process's memory). */
export interface RateLimit {
  max: number;
  windowMs: number;
}

export interface ServerConfig {
  /** How long a session lives after login. */
  sessionTtlMs: number;
  /** Failed logins for one account from one address before that pair locks (login-throttle.ts). */
  maxFailedLogins: number;
  /**
   * Failed logins for one account from all addresses together before the whole account
   * locks: higher than maxFailedLogins, so one address alone can never lock anyone out.
   */
  maxFailedLoginsPerAccount: number;
  /** How long a lock-out lasts, and how long failures are remembered. */
  lockoutMs: number;
  /** Refused sign-ins per client address, and per username, before 429 RATE_LIMITED (auth/rate-limit.ts). */
  loginRateLimit: { perIp: RateLimit; perAccount: RateLimit };
  /** argon2id parameters for new hashes; a login with an older hash rehashes it. */
  argon2: Argon2Params;
  /**
   * Fastify's trustProxy: behind a reverse proxy, take the client address from
   * X-Forwarded-For (otherwise every client looks like the proxy to the limits above).
   */
  trustProxy: boolean | string;
  /** Largest CSV import body accepted (bytes). */
  importBodyLimit: number;
  /** pino level, or false for silence (tests). */
  logLevel: string | false;
  /** How long a routine desktop heartbeat may wait to be written with others (fleet/heartbeat-batch.ts; 0: at once). */
  heartbeatFlushMs: number;
  /**
   * The session check from memory (auth/session-cache.ts; PostgreSQL only, as revocations
   * reach every instance over LISTEN/NOTIFY): how long an entry answers, and how many are kept.
   */
  sessionCache: { ttlMs: number; maxEntries: number };
  /**
   * With a read replica (DATABASE_READ_URL, db/read-db.ts): a live poke waits until the
   * replica has replayed the write it announces, at most pokeWaitMs, reading the replica's
   * head every pollMs (live/replay-gate.ts).
   */
  readReplica: { pokeWaitMs: number; pollMs: number };
}

export const DEFAULT_CONFIG: ServerConfig = {
  sessionTtlMs: 12 * 60 * 60 * 1000,
  maxFailedLogins: 5,
  maxFailedLoginsPerAccount: 20,
  lockoutMs: 15 * 60 * 1000,
  // Only refusals count, so a shift signing in behind one NAT address spends nothing; the
  // per-address budget still leaves room for that shift's typos.
  loginRateLimit: { perIp: { max: 30, windowMs: 60_000 }, perAccount: { max: 10, windowMs: 60_000 } },
  argon2: { ...ARGON2_PARAMS },
  trustProxy: false,
  importBodyLimit: 2 * 1024 * 1024 * 1024,
  logLevel: 'info',
  heartbeatFlushMs: 5_000,
  sessionCache: { ttlMs: 30_000, maxEntries: 20_000 },
  // Replay normally takes milliseconds; a replica seconds behind is left to the periodic pull.
  readReplica: { pokeWaitMs: 5_000, pollMs: 20 },
};

export function resolveConfig(partial: Partial<ServerConfig> = {}): ServerConfig {
  return { ...DEFAULT_CONFIG, ...partial };
}
