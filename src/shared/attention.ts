// The desktop's attention request: an offer (a ringing call, a task offered) while the agent
// is in another window raises a system notification and a taskbar flash / dock bounce —
// never the keyboard focus, which stays wherever the agent is typing. The renderer sends
// these to the Electron shell over its own IPC channel (src/preload/ipc-contract.ts); the
// browser host has no shell and uses the Notification API (src/renderer/platform/attention.ts).
import { z } from 'zod';

export const AttentionRequest = z.object({
  title: z.string().trim().min(1).max(120),
  body: z.string().max(500),
}).strict();
export type AttentionRequest = z.infer<typeof AttentionRequest>;

/** What crosses the IPC: raise (replacing any raised before) or take down. */
export const AttentionMessage = z.discriminatedUnion('action', [
  AttentionRequest.extend({ action: z.literal('request') }).strict(),
  z.object({ action: z.literal('cancel') }).strict(),
]);
export type AttentionMessage = z.infer<typeof AttentionMessage>;
