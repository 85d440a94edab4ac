// The sync protocol between core (desktop cache) and the central server.
// A pull returns every row whose version lies in (cursor, nextCursor]; the server only
// serves versions that can no longer be overtaken by a transaction still in flight, so a
// client may store nextCursor and never miss a row (see docs/decisions/0002-sync-versions.md).
import { type ContactCenterPush } from './contact-center.js';
import { type FloorPush } from './floor.js';
import { type MonitorPush } from './monitor.js';
import { z } from 'zod';
import { Callback, Case, Contract, Customer, Interaction, Note, Order, Receivable, User, Version } from './domain.js';
import { ReplyParagraph } from './replies/schemas.js';

export const SYNC_TABLES = [
  'users', 'customers', 'interactions', 'cases', 'orders', 'receivables', 'contracts', 'notes', 'callbacks',
  'reply_paragraphs',
] as const;
export const SyncTable = z.enum(SYNC_TABLES);
export type SyncTable = z.infer<typeof SyncTable>;

export const PullRequest = z.object({
  cursor: Version,
  /** Upper bound on the number of rows in the answer (the server may return fewer). */
  limit: z.number().int().min(1).max(50_000).default(5_000),
});
export type PullRequest = z.infer<typeof PullRequest>;

export const Tombstone = z.object({ table: SyncTable, id: z.uuid(), version: Version });
export type Tombstone = z.infer<typeof Tombstone>;

export const PullResponse = z.object({
  /** Store this after applying the batch; pass it as `cursor` next time. */
  nextCursor: Version,
  /** True when more rows are waiting beyond nextCursor (pull again at once). */
  more: z.boolean(),
  /** Highest version the server could serve at the time of the pull (for progress). */
  headVersion: Version,
  /** Rows still to come after this batch, estimated (for progress bars). */
  remainingEstimate: z.number().int().nonnegative(),
  changes: z.object({
    users: z.array(User),
    customers: z.array(Customer),
    interactions: z.array(Interaction),
    cases: z.array(Case),
    orders: z.array(Order),
    receivables: z.array(Receivable),
    contracts: z.array(Contract),
    // Added by the sync issue; default [] keeps older servers' answers valid.
    notes: z.array(Note).default([]),
    callbacks: z.array(Callback).default([]),
    /** Reference data: every desktop holds the whole reply library. */
    reply_paragraphs: z.array(ReplyParagraph).default([]),
  }),
  tombstones: z.array(Tombstone),
  /**
   * What the server served: `working` (the user's working set) or `all` (every customer).
   * A desktop that asked for every customer but is not allowed full replication is
   * served its working set (src/server/data-access/full-replication.ts). Absent from
   * older servers: they served what was asked.
   */
  scope: z.enum(['working', 'all']).optional(),
});
export type PullResponse = z.infer<typeof PullResponse>;

/**
 * GET /sync/priority: a first sync's own open work (server sync/priority.ts), rows with their
 * versions, applied without moving the cursor (docs/decisions/0028-slow-links.md).
 */
export const PriorityResponse = z.object({ changes: PullResponse.shape.changes });
export type PriorityResponse = z.infer<typeof PriorityResponse>;

/**
 * A client write (designed now, pushed by the outbox in the sync issue): written to the
 * local outbox in the same SQLite transaction as its local effect; the server applies it
 * once per (clientId, id).
 */
export const Mutation = z.object({
  id: z.uuid(),
  name: z.string().min(1).max(64),
  args: z.unknown(),
  baseVersions: z.record(z.string(), Version).default({}),
  createdAt: z.string(),
});
export type Mutation = z.infer<typeof Mutation>;

export const PushRequest = z.object({
  clientId: z.uuid(),
  mutations: z.array(Mutation).min(1).max(500),
});
export type PushRequest = z.infer<typeof PushRequest>;

/** One field edit that lost against a newer server value (see docs/decisions/0004). */
export const ConflictRecord = z.object({
  entity: z.string().max(64),
  entityId: z.uuid(),
  field: z.string().max(64),
  yourValue: z.unknown(),
  serverValue: z.unknown(),
});
export type ConflictRecord = z.infer<typeof ConflictRecord>;

export const PushResult = z.object({
  id: z.uuid(),
  /** applied: now; duplicate: applied earlier (same answer again); rejected: never will be. */
  status: z.enum(['applied', 'duplicate', 'rejected']),
  /** A pull whose cursor reaches this version contains the mutation's effect. */
  version: Version,
  conflicts: z.array(ConflictRecord),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
});
export type PushResult = z.infer<typeof PushResult>;

export const PushResponse = z.object({ results: z.array(PushResult) });
export type PushResponse = z.infer<typeof PushResponse>;

/** Live channel (WebSocket /sync/live): the client authenticates, the server only pokes. */
export const LiveClientMessage = z.object({ type: z.literal('hello'), token: z.string().min(1).max(200) });
export type LiveServerMessage =
  | { type: 'ready' }
  | { type: 'poke' }
  | { type: 'error'; code: string; message: string }
  /** Every session of the user was ended (the socket closes next): the desktop signs out now. */
  | { type: 'signed_out'; reason: SignedOutReason }
  /** The contact center: an offer for this agent, its end, their routing state (contact-center.ts). */
  | ContactCenterPush
  /** The lead's floor changed: re-read it (src/shared/floor.ts). */
  | FloorPush
  /** A listen/whisper/barge session of this user began, changed or ended (src/shared/monitor.ts). */
  | MonitorPush;

/** Why the server ended every session of a user (the sign-in screen says it). */
export const SIGNED_OUT_REASONS = ['sessions_revoked', 'account_disabled', 'password_reset'] as const;
export type SignedOutReason = (typeof SIGNED_OUT_REASONS)[number];
