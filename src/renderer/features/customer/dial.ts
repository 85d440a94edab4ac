// The click-to-call seam. The softphone (a later issue) replaces the body of dialNumber;
// until then a click copies the number so the agent can dial it on a desk phone.
export type DialOutcome = 'copied' | 'copy_failed';

export async function dialNumber(e164: string): Promise<DialOutcome> {
  try {
    await navigator.clipboard.writeText(e164);
    return 'copied';
  } catch {
    return 'copy_failed';
  }
}
