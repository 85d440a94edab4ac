// At core start: read the policy file and the saved choice, decide the server list
// (resolve.ts) and log what was decided, including a policy that cannot be used (logged
// as an error once per start; the renderer shows it; core keeps running without a server).
import { type Logger } from '../logger.js';
import { readPolicy, type PolicyRead } from './policy.js';
import { resolveServerChoice, type ServerChoice } from './resolve.js';
import { loadSavedServer } from './saved-server.js';

export function chooseServerAtStart(o: {
  dataDir: string; policyFile: string | null; override: readonly string[]; logger: Logger;
}): ServerChoice {
  const policy: PolicyRead = o.policyFile ? readPolicy(o.policyFile) : { kind: 'absent' };
  const saved = loadSavedServer(o.dataDir);
  if (saved.problem) o.logger.warn('the saved server cannot be used; asking again', { problem: saved.problem });
  if (policy.kind === 'error') {
    o.logger.error('IT policy file refused: no server until it is fixed', { file: o.policyFile, reason: policy.reason, problem: policy.message });
  } else if (policy.kind === 'ok' && policy.unknownKeys.length > 0) {
    o.logger.warn('IT policy file: unknown keys ignored', { file: o.policyFile, keys: policy.unknownKeys });
  }
  const choice = resolveServerChoice({ policy, policyFile: o.policyFile, override: o.override, saved: saved.urls });
  o.logger.info('server list', { source: choice.status.source, serverUrls: choice.status.serverUrls });
  return choice;
}
