// Demo users have public passwords (README: agent1 / agent1-pass …), so nothing creates
// them unless told so in as many words: SAPA_DEMO=1, which only `npm start` /
// scripts/demo.sh, the test set-ups and the benchmarks set. In code, startServer's
// `seedDemo` option is the same explicit ask (tests). `npm run server` on PostgreSQL never
// seeds, flag or not; `npm run seed` writes them only with the flag (the e2e and benchmark
// databases). Real installs start from `npm run create-admin`.

export const DEMO_FLAG = 'SAPA_DEMO';

export function demoFlagSet(env: NodeJS.ProcessEnv = process.env): boolean {
  return env[DEMO_FLAG] === '1';
}

export const DEMO_REFUSED =
  `The demo data includes users whose passwords are public; it is only written when ${DEMO_FLAG}=1 ` +
  '(scripts/demo.sh and the tests set it). For a real install create the first admin with npm run create-admin.';

/**
 * What `npm run server` seeds on first start: the demo set only for an embedded database
 * with SAPA_DEMO=1, nothing on PostgreSQL whatever the flag says.
 */
export function serverDemoSeed(env: NodeJS.ProcessEnv = process.env): { customers: number } | undefined {
  return !env.DATABASE_URL && demoFlagSet(env) ? { customers: 300 } : undefined;
}
