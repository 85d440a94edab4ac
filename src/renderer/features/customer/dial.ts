// The click-to-call seam: a click on a phone number calls it from the softphone. When the
// softphone is not registered the number is copied, so the agent can still dial it on a
// desk phone. A number on the do-not-call list is neither dialled nor copied ('dnc').
import { dial } from '../softphone/engine.js';
import { isDoNotCall } from '../telesales/dnc-guard.js';

export type DialOutcome = 'calling' | 'copied' | 'copy_failed' | 'dnc';

export async function dialNumber(e164: string): Promise<DialOutcome> {
  if (await isDoNotCall(e164)) return 'dnc';
  if (await dial(e164)) return 'calling';
  try {
    await navigator.clipboard.writeText(e164);
    return 'copied';
  } catch {
    return 'copy_failed';
  }
}
