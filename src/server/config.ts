// Server settings with their defaults; main.ts fills them from the environment.
export interface ServerConfig {
  /** How long a session lives after login. */
  sessionTtlMs: number;
  /** Failed logins in a row before the account locks. */
  maxFailedLogins: number;
  /** How long a lock-out lasts. */
  lockoutMs: number;
  /** Largest CSV import body accepted (bytes). */
  importBodyLimit: number;
  /** pino level, or false for silence (tests). */
  logLevel: string | false;
}

export const DEFAULT_CONFIG: ServerConfig = {
  sessionTtlMs: 12 * 60 * 60 * 1000,
  maxFailedLogins: 5,
  lockoutMs: 15 * 60 * 1000,
  importBodyLimit: 2 * 1024 * 1024 * 1024,
  logLevel: 'info',
};

export function resolveConfig(partial: Partial<ServerConfig> = {}): ServerConfig {
  return { ...DEFAULT_CONFIG, ...partial };
}
