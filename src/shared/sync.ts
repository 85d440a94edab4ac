// The sync protocol between core (desktop cache) and the central server.
// A pull returns every row whose version lies in (cursor, nextCursor]; the server only
// serves versions that can no longer be overtaken by a transaction still in flight, so a
// client may store nextCursor and never miss a row (see docs/decisions/0002-sync-versions.md).
import { z } from 'zod';
import { Case, Contract, Customer, Interaction, Order, Receivable, User, Version } from './domain.js';
import { ReplyParagraph } from './replies/schemas.js';

export const SYNC_TABLES = [
  'users', 'customers', 'interactions', 'cases', 'orders', 'receivables', 'contracts',
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
    /** Reference data (issue 5): every desktop holds the whole reply library. */
    reply_paragraphs: z.array(ReplyParagraph).default([]),
  }),
  tombstones: z.array(Tombstone),
});
export type PullResponse = z.infer<typeof PullResponse>;

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
