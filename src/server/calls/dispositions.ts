// The disposition codes a call may end with: the configurable list (SAPA_DISPOSITIONS,
// served at GET /calls/dispositions) and the check a saved call's disposition must pass.
import { SapaError } from '../../shared/errors.js';
import { DEFAULT_DISPOSITIONS, Disposition } from '../../shared/softphone.js';

export function dispositionsFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  const list = (env.SAPA_DISPOSITIONS ?? '').split(',').map((d) => d.trim()).filter((d) => Disposition.safeParse(d).success);
  return list.length > 0 ? list : [...DEFAULT_DISPOSITIONS];
}

/**
 * Refuses a disposition that is neither in the server's list nor in the built-in one. The
 * built-in list is accepted too because a desktop that could not reach the server offers
 * it (softphone.dispositions), and a wrap-up saved from that offline list must not be
 * refused for good when it is finally pushed.
 */
export function requireKnownDisposition(disposition: string, env: NodeJS.ProcessEnv = process.env): void {
  const configured = dispositionsFromEnv(env);
  if (configured.includes(disposition) || (DEFAULT_DISPOSITIONS as readonly string[]).includes(disposition)) return;
  throw new SapaError('INVALID_INPUT', `Unknown disposition "${disposition}"`, [`disposition: one of ${configured.join(', ')}`]);
}
