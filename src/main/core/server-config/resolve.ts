// Which server list core uses, in this order: the IT policy (a locked one wins over
// everything; a broken one leaves no server and says why), the developer override
// SAPA_SERVER_URLS, the address saved from the first-start screen, an unlocked policy's
// default, else none (the renderer asks for one).
import { type ServerSetupStatus } from '../../../shared/server-setup-api.js';
import { checkServerUrl } from '../remote/server-url.js';
import { type PolicyRead } from './policy.js';

export interface ServerChoice {
  status: ServerSetupStatus;
}

export function resolveServerChoice(input: {
  policy: PolicyRead;
  policyFile: string | null;
  /** SAPA_SERVER_URLS (empty: not set). Refused with INVALID_INPUT when a URL breaks the rules. */
  override: readonly string[];
  saved: readonly string[] | null;
}): ServerChoice {
  const { policy, policyFile } = input;
  // IT's update mirror holds whichever server list is used.
  const updateMirror = policy.kind === 'ok' ? policy.policy.updateMirror ?? null : null;
  const status = (source: ServerSetupStatus['source'], serverUrls: readonly string[]): ServerSetupStatus => ({
    source, serverUrls: [...serverUrls], policyFile, policyError: null, updateMirror,
  });
  if (policy.kind === 'error') {
    return { status: { ...status('policy', []), policyError: { reason: policy.reason, message: policy.message } } };
  }
  if (policy.kind === 'ok' && policy.policy.locked) return { status: status('policy', policy.policy.serverUrls) };
  if (input.override.length > 0) return { status: status('override', input.override.map(checkServerUrl)) };
  if (input.saved && input.saved.length > 0) return { status: status('saved', input.saved) };
  if (policy.kind === 'ok') return { status: status('policy', policy.policy.serverUrls) };
  return { status: status('none', []) };
}
