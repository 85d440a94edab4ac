// Desktop API of the auto-update (spread into `methods` and `events` in api.ts). Core
// decides when a downloaded update may restart the desktop; the renderer tells it what only
// the renderer knows (a call, the agent typing, an import) and shows the notice core asks for.
import { z } from 'zod';
import { Timestamp } from './domain.js';
import { UpdateState } from './updates.js';

const Empty = z.object({}).strict();

/** The softphone as the renderer sees it: 'none' means no call and no wrap-up open. */
export const UpdateCallPhase = z.enum(['none', 'ringing', 'talking', 'hold', 'wrap-up']);
export type UpdateCallPhase = z.infer<typeof UpdateCallPhase>;

export const UpdateActivity = z.object({
  call: UpdateCallPhase,
  /** ms since the last keystroke in a text field; null when none since the page loaded. */
  keystrokeAgoMs: z.number().int().nonnegative().max(2 ** 31).nullable(),
  /** The composer holds text not sent yet. */
  unsavedDraft: z.boolean(),
  /** A CSV import is uploading or running. */
  importing: z.boolean(),
}).strict();
export type UpdateActivity = z.infer<typeof UpdateActivity>;

/** "Update ready — restart now / later", shown only when core found a quiet moment. */
export const UpdatePrompt = z.object({
  version: z.string(),
  /** Set for a mandatory update: it installs by itself at the first quiet moment after this. */
  mandatoryAfter: Timestamp.nullable(),
});
export type UpdatePrompt = z.infer<typeof UpdatePrompt>;

export const UpdatesStatus = z.object({
  currentVersion: z.string(),
  /** False when this desktop has no updater (a development host without a feed). */
  enabled: z.boolean(),
  state: UpdateState.nullable(),
  prompt: UpdatePrompt.nullable(),
  lastCheckAt: Timestamp.nullable(),
});
export type UpdatesStatus = z.infer<typeof UpdatesStatus>;

export const updatesMethods = {
  'updates.status': { input: Empty, output: UpdatesStatus },
  'updates.reportActivity': { input: UpdateActivity, output: z.object({ ok: z.literal(true) }) },
  /** The agent chose "restart now": CONFLICT (with the reasons) when it is not safe any more. */
  'updates.restartNow': { input: Empty, output: UpdatesStatus },
  /** The agent chose "later": asked again in a while; a mandatory update still installs after its deadline. */
  'updates.later': { input: Empty, output: UpdatesStatus },
  'updates.checkNow': { input: Empty, output: UpdatesStatus },
} as const;

export const updatesEvents = {
  'updates.changed': UpdatesStatus,
} as const;
