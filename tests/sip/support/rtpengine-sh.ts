// Starts and stops an rtpengine (scripts/rtpengine.sh) for the SIP suite: the suite's own and
// each site's of the two-site world. Every instance relays on the namespace's loopback; `env`
// adds its NG port, run folder and port range.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { ROOT } from '../../e2e/support/processes.js';
import { SIP_DOMAIN } from './sip-env.js';

export function rtpengineSh(command: 'start' | 'stop', env: Record<string, string>): void {
  execFileSync('bash', [path.join(ROOT, 'scripts/rtpengine.sh'), command], {
    env: { ...process.env, SAPA_RTPENGINE_INTERFACE: SIP_DOMAIN, ...env },
    stdio: 'pipe',
  });
}
