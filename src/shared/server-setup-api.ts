// Desktop API of the first start: which Sapa server this desktop talks to, and the screen
// that asks for one when none is set (spread into `methods` in api.ts). Public: it runs
// before anyone can sign in.
import { z } from 'zod';

/**
 * Where the server list came from: the IT policy file (wins), the developer override
 * SAPA_SERVER_URLS, the address the agent typed on the first-start screen, or nothing yet.
 */
export const ServerSource = z.enum(['policy', 'override', 'saved', 'none']);
export type ServerSource = z.infer<typeof ServerSource>;

export const ServerSetupStatus = z.object({
  source: ServerSource,
  serverUrls: z.array(z.string()),
  /** The policy file that was read (or would be), for the screen that says "set by IT". */
  policyFile: z.string().nullable(),
  /** A policy file exists but cannot be used: no server until IT fixes it. */
  policyError: z.object({
    reason: z.enum(['unreadable', 'too_large', 'malformed_json', 'invalid']),
    message: z.string(),
  }).nullable(),
  /** The policy's `updateMirror` (a branch's file server for releases), for the updater; null: none. */
  updateMirror: z.string().nullable(),
});
export type ServerSetupStatus = z.infer<typeof ServerSetupStatus>;

/**
 * Why `server.setup.connect` refused an address (`details.reason` of its error):
 * not_a_url / http_remote / has_credentials → INVALID_INPUT; unreachable → OFFLINE;
 * not_sapa (it answered, but not as a Sapa server) → INVALID_INPUT; already_set → CONFLICT.
 */
export const ConnectRefusal = z.enum(['not_a_url', 'http_remote', 'has_credentials', 'unreachable', 'not_sapa', 'already_set']);
export type ConnectRefusal = z.infer<typeof ConnectRefusal>;

export const serverSetupMethods = {
  'server.setup.status': { input: z.object({}).strict(), output: ServerSetupStatus },
  /** Checks that the address answers GET /api/v1/health as a Sapa server, then keeps it. */
  'server.setup.connect': {
    input: z.object({ address: z.string().trim().min(1).max(2048) }).strict(),
    output: ServerSetupStatus,
  },
} as const;
