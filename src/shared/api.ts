// The desktop API contract: one map of method → zod input/output, one map of events.
// The Electron preload and the browser-host client both implement `SapaApi`; core
// validates every input with these schemas before it acts.
import { z } from 'zod';
import { Callback, Channel, Customer360, CustomerSummary, HistoryPage, HistoryCursor, Language, Note, Timestamp } from './domain.js';
import { AuditExportQuery, AuditPage, AuditQuery } from './audit.js';
import { ImportStatus, SessionUser } from './http.js';
import { CustomerUpdateArgs } from './mutations.js';
import { SIGNED_OUT_REASONS } from './sync.js';
import { casesMethods } from './cases-api.js';
import { caseBoardMethods } from './case-board-api.js';
import { prospectMethods } from './sales/prospects.js';
import { portfolioMethods } from './sales/portfolio.js';
import { telesalesMethods } from './sales/telesales.js';
import { reportMethods } from './reports-api.js';
import { softphoneMethods } from './softphone-api.js';
import { repliesMethods } from './replies/api-methods.js';
import { homeMethods } from './home-api.js';
import { releasesMethods } from './releases-api.js';
import { adminUserMethods } from './admin-users-api.js';
import { orgMethods } from './org-api.js';
import { fleetMethods } from './fleet-api.js';
import { leadInteractionMethods } from './lead-interactions-api.js';
import { qualityMethods } from './quality-api.js';
import { updatesEvents, updatesMethods } from './updates-api.js';
import { serverSetupMethods } from './server-setup-api.js';
import { type AttentionMessage } from './attention.js';
import { contactCenterEvents, contactCenterMethods } from './contact-center-api.js';
import { webchatMethods } from './webchat-api.js';
import { floorEvents, floorMethods } from './floor.js';
import { monitorEvents, monitorMethods } from './monitor.js';
import { integrationMethods } from './integrations.js';
import { receivableMethods } from './receivables.js';
import { orderMethods } from './orders.js';
import { cobrowseEvents, cobrowseMethods } from './cobrowse.js';
import { messagingChannelMethods } from './messaging-channels.js';
import { pipelineMethods } from './pipeline-routes.js';

const Empty = z.object({}).strict();

export const SyncState = z.enum(['idle', 'syncing', 'offline', 'error', 'signed_out']);
export const SyncStatus = z.object({
  state: SyncState,
  cursor: z.number().int(),
  headVersion: z.number().int().nullable(),
  lastSyncAt: z.string().nullable(),
  rowsApplied: z.number().int(),
  /** 0…1 while an initial or catch-up sync runs, null otherwise. */
  progress: z.number().min(0).max(1).nullable(),
  lastError: z.string().nullable(),
  cachedCustomers: z.number().int(),
  /** Local writes not yet acknowledged by the server (the outbox). */
  pending: z.number().int().nonnegative(),
  /** The server that answered last (failover moves it along the list). */
  serverUrl: z.string().nullable(),
  /** True while the live channel is connected (changes arrive within a fraction of a second). */
  live: z.boolean(),
  /** Edits of this desktop that lost against a newer value and are not dismissed yet. */
  conflicts: z.number().int().nonnegative(),
  /** The signed-in agent's changes the server refused for good, waiting to be fixed or discarded. */
  refused: z.number().int().nonnegative(),
});
export type SyncStatus = z.infer<typeof SyncStatus>;

export const ConflictView = z.object({
  id: z.number().int(),
  mutationId: z.string(),
  entity: z.string(),
  entityId: z.string(),
  field: z.string(),
  yourValue: z.unknown(),
  serverValue: z.unknown(),
  at: z.string(),
});
export type ConflictView = z.infer<typeof ConflictView>;

/**
 * The fields of a refused change the agent may correct before it is sent again (notes:
 * the text; call-backs: when and the note). Other refused changes can only be discarded.
 */
export const RefusedChangeFields = z.object({
  body: z.string().max(10_000).optional(),
  note: z.string().max(2_000).nullable().optional(),
  dueAt: Timestamp.optional(),
}).strict();
export type RefusedChangeFields = z.infer<typeof RefusedChangeFields>;

/** A change the server refused for good (docs/decisions/0011-poison-mutations.md). */
export const RefusedChange = z.object({
  /** The outbox entry (mutation id). */
  id: z.string(),
  /** The mutation, e.g. note.create. */
  name: z.string(),
  createdAt: z.string(),
  reason: z.object({ code: z.string(), message: z.string() }),
  customerId: z.string().nullable(),
  /** As cached; null when the customer is not (or no longer) in the cache. */
  customerName: z.string().nullable(),
  /** Current values of the fields Fix may change; null: it can only be discarded. */
  fields: RefusedChangeFields.nullable(),
});
export type RefusedChange = z.infer<typeof RefusedChange>;

/** What the support panel shows. */
export const SyncDiagnostics = z.object({
  status: SyncStatus,
  clientId: z.string(),
  serverUrls: z.array(z.string()),
  outbox: z.array(z.object({
    id: z.string(), name: z.string(), createdAt: z.string(), state: z.string(),
    ackVersion: z.number().int().nullable(), attempts: z.number().int(), lastError: z.string().nullable(),
  })),
  recentErrors: z.array(z.object({ at: z.string(), message: z.string() })),
});
export type SyncDiagnostics = z.infer<typeof SyncDiagnostics>;

export const AppInfo = z.object({
  version: z.string(),
  host: z.enum(['electron', 'browser']),
  serverUrls: z.array(z.string()),
  systemLocale: z.string(),
});

export const Settings = z.object({ language: Language.nullable() });
export type Settings = z.infer<typeof Settings>;

export const LookupResult = z.object({
  e164: z.string().nullable(),
  source: z.enum(['cache', 'server', 'none']),
  customers: z.array(CustomerSummary),
});
export type LookupResult = z.infer<typeof LookupResult>;

/**
 * Why core signed the agent out on its own: the session ended and the server stayed out of
 * reach for longer than the offline grace (the sign-in screen says so).
 */
export const SignedOutNotice = z.discriminatedUnion('reason', [
  z.object({ reason: z.literal('offline_grace_over'), graceHours: z.number().nonnegative() }),
  /** An admin ordered this desktop's cache wiped (it was, along with its recordings). */
  z.object({ reason: z.literal('cache_wiped') }),
  /** The server ended every session of the user: an admin disabled them or reset the password, or "sign out everywhere". */
  z.object({ reason: z.enum(SIGNED_OUT_REASONS) }),
]);
export type SignedOutNotice = z.infer<typeof SignedOutNotice>;
const SessionState = z.object({ user: SessionUser.nullable(), signedOut: SignedOutNotice.nullable().optional() });

export const methods = {
  'app.info': { input: Empty, output: AppInfo },
  'settings.get': { input: Empty, output: Settings },
  'settings.set': { input: Settings, output: Settings },

  'auth.login': {
    input: z.object({ username: z.string().trim().min(1).max(64), password: z.string().min(1).max(256) }),
    output: SessionUser,
  },
  'auth.logout': { input: Empty, output: z.object({ ok: z.literal(true) }) },
  'auth.session': { input: Empty, output: SessionState },

  'sync.status': { input: Empty, output: SyncStatus },
  'sync.now': { input: Empty, output: SyncStatus },
  'sync.diagnostics': { input: Empty, output: SyncDiagnostics },
  'sync.refused': { input: Empty, output: z.object({ changes: z.array(RefusedChange) }) },
  /** Drops a refused change for good (its local effect was undone when it was refused). */
  'sync.discardRefused': { input: z.object({ id: z.uuid() }), output: z.object({ ok: z.boolean() }) },
  /** Sends a refused change again with corrected fields, as a new change (answers its id). */
  'sync.fixRefused': { input: z.object({ id: z.uuid(), fields: RefusedChangeFields }), output: z.object({ id: z.string() }) },
  'sync.conflicts': { input: Empty, output: z.object({ conflicts: z.array(ConflictView) }) },
  'sync.dismissConflict': { input: z.object({ id: z.number().int() }), output: z.object({ ok: z.boolean() }) },

  // Agent writes (through the outbox: they work offline and reach the server once).
  'notes.create': {
    input: z.object({ customerId: z.uuid(), body: z.string().trim().min(1).max(10_000), interactionId: z.uuid().optional() }),
    output: Note,
  },
  /** Edits customer fields; each carries the value the agent saw (`from`), see shared/mutations.ts. */
  'customers.update': { input: CustomerUpdateArgs, output: z.object({ mutationId: z.uuid() }) },
  'notes.list': { input: z.object({ customerId: z.uuid() }), output: z.object({ notes: z.array(Note) }) },
  'callbacks.create': {
    input: z.object({
      customerId: z.uuid(), dueAt: Timestamp, note: z.string().max(2_000).optional(),
      phoneE164: z.string().max(20).optional(),
    }),
    output: Callback,
  },
  'callbacks.list': { input: z.object({ customerId: z.uuid() }), output: z.object({ callbacks: z.array(Callback) }) },

  'customers.search': {
    input: z.object({ query: z.string().max(200), limit: z.number().int().min(1).max(100).default(20) }),
    output: z.object({ results: z.array(CustomerSummary) }),
  },
  'customers.lookupByPhone': {
    input: z.object({ phone: z.string().min(1).max(64) }),
    output: LookupResult,
  },
  'customers.get360': { input: z.object({ customerId: z.uuid() }), output: Customer360 },
  'customers.history': {
    input: z.object({
      customerId: z.uuid(),
      channels: z.array(Channel).max(20).optional(),
      before: HistoryCursor.optional(),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    output: HistoryPage,
  },

  // CSV import (admin): the file travels in chunks so neither side holds it whole.
  'admin.import.begin': {
    input: z.object({
      fileName: z.string().min(1).max(255), size: z.number().int().nonnegative(),
      /** Customers (the default) or a feed of the systems of record (docs/integrations.md, "CSV feeds"). */
      kind: z.enum(['customers', 'orders', 'invoices', 'contracts']).default('customers'),
    }),
    output: z.object({ uploadId: z.uuid() }),
  },
  'admin.import.chunk': {
    input: z.object({ uploadId: z.uuid(), data: z.string().max(2_000_000) }),
    output: z.object({ bytesReceived: z.number().int() }),
  },
  'admin.import.finish': { input: z.object({ uploadId: z.uuid() }), output: ImportStatus },
  'admin.import.status': { input: z.object({ importId: z.uuid() }), output: ImportStatus },
  'admin.import.rejectsCsv': {
    input: z.object({ importId: z.uuid() }),
    output: z.object({ fileName: z.string(), csv: z.string() }),
  },
  // The audit log (admin): a page of entries newest first, or the filtered log as CSV.
  'admin.audit.list': { input: AuditQuery, output: AuditPage },
  'admin.audit.exportCsv': {
    input: AuditExportQuery,
    output: z.object({ fileName: z.string(), csv: z.string() }),
  },
  // Softphone, agent status and call recordings (src/shared/softphone-api.ts).
  ...softphoneMethods,
  // Reply library, composer and messaging (src/shared/replies/api-methods.ts).
  ...repliesMethods,
  // The agent's home and the lead's floor (src/shared/home-api.ts).
  ...homeMethods,
  // Releases, rings and staged updates (admin, src/shared/releases-api.ts).
  ...releasesMethods,
  // The Users admin screen (src/shared/admin-users-api.ts).
  ...adminUserMethods,
  // Organisation and server settings (admin): src/shared/org-api.ts.
  ...orgMethods,
  // The admins' desktop fleet view (src/shared/fleet-api.ts).
  ...fleetMethods,
  // The lead's interactions browser and review view (src/shared/lead-interactions-api.ts).
  ...leadInteractionMethods,
  // Quality forms and evaluations (src/shared/quality-api.ts).
  ...qualityMethods,
  // The desktop's auto-update (src/shared/updates-api.ts).
  ...updatesMethods,
  // Which server this desktop uses; the first-start screen (src/shared/server-setup-api.ts).
  ...serverSetupMethods,
  // The contact center: status, offers, My queue, tasks (src/shared/contact-center-api.ts).
  ...contactCenterMethods,
  ...webchatMethods,
  // The lead's live floor: the snapshot, and the push that says it changed (src/shared/floor.ts).
  ...floorMethods,
  // Listen, whisper and barge (src/shared/monitor.ts).
  ...monitorMethods,
  // The collectors' receivables worklist and promises to pay (src/shared/receivables.ts).
  ...receivableMethods,
  ...integrationMethods,
  // Cases: the category tree and filing a complaint or request (src/shared/cases-api.ts).
  ...casesMethods,
  // Order requests and contract renewals (src/shared/orders.ts).
  ...orderMethods,
  // SMS and WhatsApp conversations (src/shared/messaging-channels.ts).
  ...messagingChannelMethods,
  ...pipelineMethods,
  // Case SLA targets, assignment, the team queue and the lead's case board (src/shared/case-board-api.ts).
  ...caseBoardMethods,
  // Browser sharing: start, point, suggest a page, end (src/shared/cobrowse.ts).
  ...cobrowseMethods,
  // The sales module: prospects, portfolio, telesales (src/shared/sales/, docs/sales.md).
  ...prospectMethods,
  ...portfolioMethods,
  ...telesalesMethods,
  // Reports: run, drill down, export, schedules (src/shared/reports-api.ts).
  ...reportMethods,
} as const;

export type MethodName = keyof typeof methods;
export type MethodInput<M extends MethodName> = z.input<(typeof methods)[M]['input']>;
export type MethodParsedInput<M extends MethodName> = z.output<(typeof methods)[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<(typeof methods)[M]['output']>;

export const events = {
  'sync.status': SyncStatus,
  'session.changed': SessionState,
  /** A pull changed cached rows: re-read what is on screen. */
  'data.changed': z.object({}),
  ...updatesEvents,
  ...contactCenterEvents,
  ...floorEvents,
  ...monitorEvents,
  ...cobrowseEvents,
} as const;
export type EventName = keyof typeof events;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]>;

/** What the renderer sees as `window.sapa`, whichever host runs it. */
export interface SapaApi {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /**
   * The Electron shell's notification + taskbar flash / dock bounce (src/shared/attention.ts).
   * Only the preload has it: the browser host has no shell (the renderer falls back to the
   * Notification API).
   */
  attention?(message: AttentionMessage): Promise<void>;
}

/** Wire format of the browser host's WebSocket (and the shape errors take on IPC). */
export const WireRequest = z.object({ id: z.number().int(), method: z.string().max(100), input: z.unknown() });
export type WireRequest = z.infer<typeof WireRequest>;
export type WireMessage =
  | { kind: 'result'; id: number; output: unknown }
  | { kind: 'error'; id: number; error: { code: string; message: string; details?: unknown } }
  | { kind: 'event'; event: EventName; payload: unknown };

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(methods, name);
}
