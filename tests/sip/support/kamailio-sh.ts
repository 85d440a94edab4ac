// Starts and stops a Kamailio from our template (scripts/kamailio.sh) for the SIP suite: the
// suite's own, the two failover sites, a bridgeless one. Every instance shares the secret, the
// host and the trunk addresses; `env` adds its ports, run folder and optional parts.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../../e2e/support/processes.js';
import { SIP_DOMAIN, SIP_SECRET, SIP_TRUNKS } from './sip-env.js';

export function kamailioSh(command: 'start' | 'stop', env: Record<string, string>): void {
  execFileSync('bash', [path.join(ROOT, 'scripts/kamailio.sh'), command], {
    env: { ...process.env, SAPA_SIP_SECRET: SIP_SECRET, SAPA_SIP_HOST: SIP_DOMAIN, SAPA_SIP_TRUNKS: SIP_TRUNKS, ...env },
    stdio: 'pipe',
  });
}
