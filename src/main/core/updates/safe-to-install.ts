// When may a downloaded update restart the desktop? One pure function, so every case is a
// unit test without Electron (docs/decisions/0018-update-install-policy.md).
//
// A restart cuts a call off, so a call (ringing, talking, on hold, in wrap-up) always
// blocks, mandatory or not. An import in progress blocks too: the admin would lose the
// upload. The outbox and the agent's typing block an ordinary update; a mandatory one past
// its deadline waits for them only a bounded time (the outbox is durable in the cache and
// the new version sends it; a draft typed for ten minutes past a security deadline is the
// lesser loss).

/** What the renderer knows of the softphone. 'none': no call and no wrap-up open. */
export type CallPhase = 'none' | 'ringing' | 'talking' | 'hold' | 'wrap-up';

export type BlockReason = 'call' | 'import' | 'outbox' | 'typing' | 'postponed';

export interface InstallInputs {
  /** ms since the epoch. */
  now: number;
  call: CallPhase;
  /** Outbox entries not yet acknowledged by the server. */
  outboxPending: number;
  /** The last keystroke in a text field (ms since the epoch), or null. */
  lastKeystrokeAt: number | null;
  /** The composer holds text not sent yet. */
  unsavedDraft: boolean;
  /** A CSV import is uploading or running. */
  importing: boolean;
  /** When the downloaded update finished downloading (ms since the epoch). */
  downloadedAt: number;
  /** A mandatory update's deadline (`sapaMandatoryAfter`), ms since the epoch; null: not mandatory. */
  mandatoryAfter: number | null;
  /** The agent chose "later" until then (ms since the epoch); null: not postponed. */
  postponedUntil: number | null;
}

export type InstallDecision =
  /** Restart and install now, without asking (a mandatory update past its deadline). */
  | { verdict: 'install'; overdue: true; waitedOut: BlockReason[] }
  /** A quiet moment: show the agent "Update ready — restart now / later". */
  | { verdict: 'ask' }
  /** Not now: try again when one of these changes. */
  | { verdict: 'wait'; reasons: BlockReason[] };

/** Keystrokes this recent mean the agent is typing. */
export const TYPING_QUIET_MS = 30_000;
/**
 * Past a mandatory deadline, unsent outbox entries and typing hold the install back at most
 * this long (counted from the deadline, or from the download if it finished later).
 */
export const MANDATORY_MAX_WAIT_MS = 15 * 60_000;

export function isOverdue(mandatoryAfter: number | null, now: number): boolean {
  return mandatoryAfter !== null && now >= mandatoryAfter;
}

export function safeToInstall(inp: InstallInputs): InstallDecision {
  const hard: BlockReason[] = [];
  if (inp.call !== 'none') hard.push('call');
  if (inp.importing) hard.push('import');

  const soft: BlockReason[] = [];
  if (inp.outboxPending > 0) soft.push('outbox');
  const typing = inp.lastKeystrokeAt !== null && inp.now - inp.lastKeystrokeAt < TYPING_QUIET_MS;
  if (typing || inp.unsavedDraft) soft.push('typing');

  if (isOverdue(inp.mandatoryAfter, inp.now)) {
    if (hard.length > 0) return { verdict: 'wait', reasons: [...hard, ...soft] };
    const waitingSince = Math.max(inp.mandatoryAfter!, inp.downloadedAt);
    if (soft.length > 0 && inp.now - waitingSince < MANDATORY_MAX_WAIT_MS) return { verdict: 'wait', reasons: soft };
    // "Later" does not count any more: the deadline was the agent's grace.
    return { verdict: 'install', overdue: true, waitedOut: soft };
  }

  const reasons = [...hard, ...soft];
  if (inp.postponedUntil !== null && inp.now < inp.postponedUntil) reasons.push('postponed');
  return reasons.length > 0 ? { verdict: 'wait', reasons } : { verdict: 'ask' };
}
