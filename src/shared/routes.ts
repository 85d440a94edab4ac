// The central server's HTTP API as one map: route name → method, path, the schemas of its
// path parameters, query, body and answer, and the access it needs (public, any session,
// or a permission action of permissions.ts). The server registers every route from it
// (src/server/http/route.ts) and core's client calls through it
// (src/main/core/remote/server-client.ts), so a path is spelt once, core parses answers with
// the schema the server promises, and `ROUTE_ACCESS` answers "who may call what".
//
// Paths are relative to API_PREFIX and use Fastify's `:param` syntax; `apiPath` fills them.
import { z } from 'zod';
import { ADMIN_USER_ROUTES } from './admin-users-routes.js';
import { AuditExportQuery, AuditPage, AuditQuery } from './audit.js';
import { DataAccessSettings, DataAccessSettingsAnswer, LookupFlagsResponse } from './data-access.js';
import { Customer360, HistoryPage, User } from './domain.js';
import {
  API_PREFIX, HistoryQuery, ImportStatus, LoginRequest, LoginResponse, PhoneLookupResponse, SearchQuery, SearchResponse,
  SessionUser, UserScopeRequest,
} from './http.js';
import { contactCenterRoutes } from './contact-center-routes.js';
import { webchatRoutes } from './webchat-routes.js';
import { orgRoutes } from './org-routes.js';
import { fleetRoutes } from './fleet-routes.js';
import { qualityRoutes } from './quality/routes.js';
import { leadInteractionRoutes } from './lead-interactions-routes.js';
import { floorRoutes } from './floor.js';
import { monitorRoutes } from './monitor.js';
import { integrationRoutes } from './integrations.js';
import { receivableRoutes } from './receivables.js';
import { orderRoutes } from './orders.js';
import { pipelineRoutes } from './pipeline-routes.js';
import { caseBoardRoutes } from './case-board-routes.js';
import { cobrowseRoutes } from './cobrowse.js';
import { messagingChannelRoutes } from './messaging-channels.js';
import { prospectRoutes } from './sales/prospects.js';
import { portfolioRoutes } from './sales/portfolio.js';
import { telesalesRoutes } from './sales/telesales.js';
import { reportRoutes } from './reports-routes.js';
import { type Action } from './permissions.js';
import {
  AssignRequest, CustomerMessagesResponse, InboundMessage, InboxResponse, OutboundMessage, ParagraphResponse,
  RetryRequest, RevisionsResponse, SaveParagraphRequest, SendRequest,
} from './replies/messages.js';
import { CaseCategoriesResponse } from './cases.js';
import { ReplyParagraph } from './replies/schemas.js';
import { SlaSettings } from './replies/sla.js';
import {
  AgentExtension, AgentStatus, AgentStatusReport, AgentStatusRow, RecordingPause, SetExtensionRequest,
  SipCredentials,
} from './softphone.js';
import { RELEASE_ROUTES } from './releases-routes.js';
import { PriorityResponse, PushRequest, PushResponse } from './sync.js';
import { PullEnvelope, WIRE_FORMATS } from './sync-wire.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Who may call a route: anyone, anyone signed in, or whoever `can(role, action)`. */
/**
 * Who may call a route: anyone, anyone signed in, whoever `can(role, action)`, or
 * (`integration`) an external system with an API key of the route's scope, never a session.
 */
export type RouteAccess = 'public' | 'session' | 'integration' | Action;

/**
 * What the route answers: a JSON schema, or a body that is not JSON (`csv`: a CSV file,
 * `audio`: bytes with HTTP Range, `file`: any file with HTTP Range, one or many ranges). Two routes are not plain HTTP handlers: `tus` (the
 * resumable upload protocol, several methods under one path) and `websocket` (an upgrade).
 */
export type RouteAnswer = z.ZodType | 'csv' | 'audio' | 'file' | 'tus' | 'websocket';

export interface RouteDef {
  readonly method: HttpMethod;
  readonly path: `/${string}`;
  readonly access: RouteAccess;
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  /** A JSON body; `csv` for a streamed text/csv body, `bytes` for a streamed application/octet-stream body. */
  readonly body?: z.ZodType | 'csv' | 'bytes';
  readonly answer: RouteAnswer;
  /** The success status when it is not 200. */
  readonly status?: 201 | 202;
  /**
   * The route opens the customer whose id is the `:id` path parameter: an open outside the
   * caller's working set is audited and counted against the hourly lookup limit
   * (src/server/data-access/lookups.ts) before the handler runs.
   */
  readonly opensCustomer?: true;
}

const IdParams = z.object({ id: z.uuid() });
const Ok = z.object({ ok: z.literal(true) });

/** GET /customers/by-phone?phone=… — any form of the number. */
export const PhoneQuery = z.object({ phone: z.string().trim().min(1).max(64) });

/** GET /sync/pull: query strings are text, coerced to the numbers a pull needs. */
export const PullQuery = z.object({
  cursor: z.coerce.number(),
  limit: z.coerce.number().optional(),
  scope: z.string().max(100).optional(),
  /** The desktop's working-set limit: caps the branch and queue rules (working-scope.ts). */
  bound: z.coerce.number().int().positive().max(10_000_000).optional(),
  /**
   * The desktop's outbox client id: full replication may be allowed per desktop, and a
   * wipe order for that desktop reaches it.
   */
  clientId: z.uuid().optional(),
  /** The wire format the desktop reads (sync-wire.ts): absent or `rows` for older desktops. */
  wire: z.enum(WIRE_FORMATS).optional(),
  /**
   * This window's pass (server pull.ts PullScope.pass): the cursor the desktop's pulls to the
   * head began at, and the lowest head its answers so far were served at. Both or neither.
   */
  passFrom: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  passHead: z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
});

/** POST /admin/cache-wipes: wipe one desktop (its client id) or every desktop a user is signed in on. */
export const WipeOrderRequest = z.union([
  z.object({ userId: z.uuid() }).strict(),
  z.object({ clientId: z.uuid() }).strict(),
]);
export const WipeOrder = z.object({
  id: z.uuid(), userId: z.uuid().nullable(), clientId: z.uuid().nullable(), orderedAt: z.string(), deliveredAt: z.string().nullable(),
});
export type WipeOrder = z.infer<typeof WipeOrder>;

export const FeedKindParams = z.object({ kind: z.enum(['orders', 'invoices', 'contracts']) });
export const ImportQuery = z.object({ fileName: z.string().trim().min(1).max(255).default('import.csv') });

/**
 * GET /calls/dispositions: the codes a wrap-up offers, in order. `items` (labels in both
 * languages, which need a follow-up) and `wrapUpLimitSec` were added with the dispositions
 * table (issue 12); optional so an answer of an older server still parses.
 */
export const DispositionOption = z.object({
  code: z.string(), labelId: z.string(), labelEn: z.string(), needsFollowUp: z.boolean(),
});
export type DispositionOption = z.infer<typeof DispositionOption>;
export const DispositionsResponse = z.object({
  dispositions: z.array(z.string()),
  items: z.array(DispositionOption).optional(),
  /** After-call work limit in seconds; 0 = no limit. */
  wrapUpLimitSec: z.number().int().nonnegative().optional(),
});
export type DispositionsResponse = z.infer<typeof DispositionsResponse>;
export const AgentStatusAnswer = z.object({ status: AgentStatus, since: z.string() });
export const AgentBoardResponse = z.object({ agents: z.array(AgentStatusRow) });
export const CallTiming = z.object({
  id: z.uuid(), number: z.string(), answeredAt: z.string().nullable(), endedAt: z.string().nullable(),
  talkSec: z.number(), holdSec: z.number(), acwSec: z.number(), followUpAt: z.string().nullable(),
});
export const RecordingInfo = z.object({
  id: z.uuid(), durationMs: z.number().nullable(), sizeBytes: z.number(), mime: z.string(),
  pauses: z.array(RecordingPause), recovered: z.boolean(), complete: z.boolean(),
  /** SHA-256 (hex) of the finished file as served; null until it is finished (absent from older servers). */
  sha256: z.string().nullable().optional(),
  /** False when the file no longer matches its checksum: the audio route refuses it (absent from older servers). */
  intact: z.boolean().optional(),
});
export type RecordingInfo = z.infer<typeof RecordingInfo>;

/** POST /admin/recordings/purge: the recordings older than `olderThanDays`, or the one `id`. */
export const PurgeRecordingsRequest = z.object({
  olderThanDays: z.number().int().min(1).max(36_500).optional(),
  id: z.uuid().optional(),
  /** Why (kept in the audit log with each deletion). */
  reason: z.string().trim().min(1).max(500).optional(),
}).strict().refine((r) => (r.olderThanDays === undefined) !== (r.id === undefined), {
  message: 'give either olderThanDays or id, not both',
});
export const PurgeRecordingsAnswer = z.object({
  purged: z.array(z.object({ id: z.uuid(), agentId: z.string().nullable(), createdAt: z.string(), sizeBytes: z.number() })),
  /** True when more recordings matched than one call purges: call again. */
  more: z.boolean(),
});

/** PUT /admin/users/:id/scope answers the user row as desktops pull it. */
export const UserScopeAnswer = z.object({ user: User });

/** How many live sessions a revoke ended. */
export const RevokedSessions = z.object({ revoked: z.number().int().nonnegative() });

export const ROUTES = {
  'health': { method: 'GET', path: '/health', access: 'public', answer: z.object({ ok: z.boolean(), engine: z.string() }) },

  'auth.login': { method: 'POST', path: '/auth/login', access: 'public', body: LoginRequest, answer: LoginResponse },
  'auth.logout': { method: 'POST', path: '/auth/logout', access: 'session', answer: Ok },
  'auth.me': { method: 'GET', path: '/auth/me', access: 'session', answer: z.object({ user: SessionUser }) },
  /** Sign out everywhere: every session of the caller ends, this one included. */
  'auth.revokeMySessions': { method: 'POST', path: '/auth/sessions/revoke', access: 'sessions.revokeOwn', answer: RevokedSessions },

  'customers.search': { method: 'GET', path: '/customers/search', access: 'customers.read', query: SearchQuery, answer: SearchResponse },
  'customers.byPhone': { method: 'GET', path: '/customers/by-phone', access: 'customers.read', query: PhoneQuery, answer: PhoneLookupResponse },
  'customers.view360': {
    method: 'GET', path: '/customers/:id/360', access: 'customers.read', params: IdParams, answer: Customer360, opensCustomer: true,
  },
  'customers.history': {
    method: 'GET', path: '/customers/:id/interactions', access: 'customers.read', params: IdParams, query: HistoryQuery, answer: HistoryPage,
    opensCustomer: true,
  },
  'customers.messages': {
    method: 'GET', path: '/customers/:id/messages', access: 'customers.read', params: IdParams, answer: CustomerMessagesResponse,
    opensCustomer: true,
  },

  // Either wire format; checked as rows (a columns answer is decoded first, sync-wire.ts).
  'sync.pull': { method: 'GET', path: '/sync/pull', access: 'session', query: PullQuery, answer: PullEnvelope },
  /** The first sync's own open work, before the history (sync/priority.ts). */
  'sync.priority': { method: 'GET', path: '/sync/priority', access: 'session', answer: PriorityResponse },
  'sync.push': { method: 'POST', path: '/sync/push', access: 'session', body: PushRequest, answer: PushResponse },
  /** Live pokes: the desktop says `hello {token}` over the socket (LiveClientMessage). */
  'sync.live': { method: 'GET', path: '/sync/live', access: 'public', answer: 'websocket' },

  'imports.start': {
    method: 'POST', path: '/admin/imports/customers', access: 'customers.import', query: ImportQuery, body: 'csv',
    answer: ImportStatus, status: 202,
  },
  /** CSV feeds of orders, invoices or contracts (docs/integrations.md): same status and rejects routes as customers. */
  'imports.feed': {
    method: 'POST', path: '/admin/imports/feeds/:kind', access: 'customers.import', params: FeedKindParams, query: ImportQuery, body: 'csv',
    answer: ImportStatus, status: 202,
  },
  'imports.status': { method: 'GET', path: '/admin/imports/:id', access: 'customers.import', params: IdParams, answer: ImportStatus },
  'imports.rejects': { method: 'GET', path: '/admin/imports/:id/rejects.csv', access: 'customers.import', params: IdParams, answer: 'csv' },

  'sip.credentials': { method: 'GET', path: '/sip/credentials', access: 'calls.handle', answer: SipCredentials },
  'extensions.list': {
    method: 'GET', path: '/admin/agents/extensions', access: 'users.manage', answer: z.object({ agents: z.array(AgentExtension) }),
  },
  'extensions.set': {
    method: 'PUT', path: '/admin/agents/:id/extension', access: 'users.manage', params: IdParams, body: SetExtensionRequest,
    answer: AgentExtension,
  },
  'devices.orderWipe': {
    method: 'POST', path: '/admin/cache-wipes', access: 'devices.wipe', body: WipeOrderRequest, answer: WipeOrder, status: 201,
  },
  'users.revokeSessions': {
    method: 'POST', path: '/admin/users/:id/sessions/revoke', access: 'sessions.revokeAny', params: IdParams, answer: RevokedSessions,
  },
  'users.setScope': {
    method: 'PUT', path: '/admin/users/:id/scope', access: 'users.manage', params: IdParams, body: UserScopeRequest, answer: UserScopeAnswer,
  },

  /** Data minimisation: full replication, the lookup throttle, flagged users (admins). */
  'dataAccess.read': { method: 'GET', path: '/admin/data-access', access: 'dataAccess.manage', answer: DataAccessSettingsAnswer },
  'dataAccess.save': {
    method: 'PUT', path: '/admin/data-access', access: 'dataAccess.manage', body: DataAccessSettings, answer: DataAccessSettingsAnswer,
  },
  'dataAccess.flags': { method: 'GET', path: '/admin/data-access/flags', access: 'dataAccess.manage', answer: LookupFlagsResponse },
  /** Clears a user's flag (the user id); their opens of the last hour still count. */
  'dataAccess.clearFlag': { method: 'DELETE', path: '/admin/data-access/flags/:id', access: 'dataAccess.manage', params: IdParams, answer: Ok },

  'agents.reportStatus': { method: 'PUT', path: '/agents/me/status', access: 'calls.handle', body: AgentStatusReport, answer: AgentStatusAnswer },
  'agents.board': { method: 'GET', path: '/agents/status', access: 'floor.view', answer: AgentBoardResponse },

  'cases.categories': { method: 'GET', path: '/cases/categories', access: 'cases.write', answer: CaseCategoriesResponse },
  'calls.dispositions': { method: 'GET', path: '/calls/dispositions', access: 'calls.handle', answer: DispositionsResponse },
  'calls.timing': { method: 'GET', path: '/calls/:id', access: 'calls.handle', params: IdParams, answer: CallTiming },

  /**
   * tus (resumable uploads): POST creates, PATCH appends, HEAD asks the offset, under this
   * path; only the recording's agent, only until finished; DELETE is refused (405).
   */
  'recordings.upload': { method: 'POST', path: '/recordings/uploads', access: 'calls.handle', answer: 'tus' },
  /** Own recordings for everyone; anyone's with recordings.playAny (checked in the handler). */
  'recordings.info': { method: 'GET', path: '/recordings/:id', access: 'recordings.playOwn', params: IdParams, answer: RecordingInfo },
  'recordings.audio': { method: 'GET', path: '/recordings/:id/audio', access: 'recordings.playOwn', params: IdParams, answer: 'audio' },
  'recordings.purge': {
    method: 'POST', path: '/admin/recordings/purge', access: 'recordings.purge', body: PurgeRecordingsRequest, answer: PurgeRecordingsAnswer,
  },

  'replies.list': {
    method: 'GET', path: '/replies/paragraphs', access: 'replies.use', answer: z.object({ paragraphs: z.array(ReplyParagraph) }),
  },
  'replies.create': {
    method: 'POST', path: '/replies/paragraphs', access: 'replies.manage', body: SaveParagraphRequest, answer: ParagraphResponse, status: 201,
  },
  'replies.edit': {
    method: 'PUT', path: '/replies/paragraphs/:id', access: 'replies.manage', params: IdParams, body: SaveParagraphRequest,
    answer: ParagraphResponse,
  },
  'replies.approve': { method: 'POST', path: '/replies/paragraphs/:id/approve', access: 'replies.manage', params: IdParams, answer: ParagraphResponse },
  'replies.retire': { method: 'POST', path: '/replies/paragraphs/:id/retire', access: 'replies.manage', params: IdParams, answer: ParagraphResponse },
  'replies.revisions': {
    method: 'GET', path: '/replies/paragraphs/:id/revisions', access: 'replies.use', params: IdParams, answer: RevisionsResponse,
  },

  'messages.send': { method: 'POST', path: '/messages/send', access: 'messages.send', body: SendRequest, answer: OutboundMessage },
  'messages.retry': {
    method: 'POST', path: '/messages/:id/retry', access: 'messages.send', params: IdParams, body: RetryRequest, answer: OutboundMessage,
  },
  'messages.inbox': { method: 'GET', path: '/messages/inbox', access: 'messages.read', answer: InboxResponse },
  'messages.assign': {
    method: 'POST', path: '/messages/inbound/:id/assign', access: 'messages.send', params: IdParams, body: AssignRequest, answer: InboundMessage,
  },
  /** The caller takes the inbound e-mail (an accepted e-mail task): only they may answer it; CONFLICT when someone else has. */
  'messages.take': { method: 'POST', path: '/messages/inbound/:id/take', access: 'messages.send', params: IdParams, answer: InboundMessage },

  /** Everyone reads the SLA settings (the clocks agents see); admins change them. */
  'sla.read': { method: 'GET', path: '/admin/sla', access: 'session', answer: SlaSettings },
  'sla.save': { method: 'PUT', path: '/admin/sla', access: 'settings.manage', body: SlaSettings, answer: SlaSettings },

  'audit.list': { method: 'GET', path: '/admin/audit', access: 'audit.read', query: AuditQuery, answer: AuditPage },
  'audit.export': { method: 'GET', path: '/admin/audit/export.csv', access: 'audit.read', query: AuditExportQuery, answer: 'csv' },

  // Releases, rings and the per-desktop update feed (src/shared/releases-routes.ts).
  ...RELEASE_ROUTES,
  /** The Users admin screen (src/shared/admin-users-routes.ts). */
  ...ADMIN_USER_ROUTES,
  // Organisation (/admin/org) and server settings (/admin/settings): src/shared/org-routes.ts.
  ...orgRoutes,
  // The desktop fleet: heartbeats and the admins' view (src/shared/fleet-routes.ts).
  ...fleetRoutes,
  // The lead's interactions browser (src/shared/lead-interactions-routes.ts).
  ...leadInteractionRoutes,
  // Case SLA targets, assignment and the lead's case board (src/shared/case-board-routes.ts).
  ...caseBoardRoutes,
  ...reportRoutes,
  // The contact center: agent state, offers, my queue, my tasks (src/shared/contact-center-routes.ts).
  ...contactCenterRoutes,
  ...webchatRoutes,
  // Quality forms and evaluations (src/shared/quality/routes.ts).
  ...qualityRoutes,
  // The lead's live floor (src/shared/floor.ts).
  ...floorRoutes,
  // Listen, whisper and barge from the floor (src/shared/monitor.ts).
  ...monitorRoutes,
  ...integrationRoutes,
  ...receivableRoutes,
  // Order requests (the back office's queue) and contract renewals (src/shared/orders.ts).
  ...orderRoutes,
  // Browser sharing: the agent's session request, the customer-side script and the two sockets (src/shared/cobrowse.ts).
  ...cobrowseRoutes,
  // SMS and WhatsApp conversations, their webhooks and settings (src/shared/messaging-channels.ts).
  ...messagingChannelRoutes,
  // The sales module: prospects, portfolio, telesales (docs/sales.md).
  ...prospectRoutes,
  ...portfolioRoutes,
  ...telesalesRoutes,
  // Sales: budgets, visits, the pipeline (src/shared/pipeline-routes.ts).
  ...pipelineRoutes,
} as const satisfies Record<string, RouteDef>;

export type RouteName = keyof typeof ROUTES;
export type Route = (typeof ROUTES)[RouteName];
export const ROUTE_NAMES = Object.keys(ROUTES) as RouteName[];

/** Who may call what: route name → its access (the table a security review walks). */
export const ROUTE_ACCESS = Object.fromEntries(ROUTE_NAMES.map((n) => [n, ROUTES[n].access])) as {
  [N in RouteName]: (typeof ROUTES)[N]['access'];
};

type SchemaInput<S> = S extends z.ZodType ? z.input<S> : never;
type SchemaOutput<S> = S extends z.ZodType ? z.output<S> : never;

/** The path parameters a route needs (an empty object for none). */
export type RouteParams<R extends RouteDef> = R extends { params: infer P } ? SchemaInput<P> : Record<never, never>;
export type RouteQuery<R extends RouteDef> = R extends { query: infer Q } ? SchemaInput<Q> : never;
export type RouteBody<R extends RouteDef> = R extends { body: infer B } ? (B extends z.ZodType ? z.input<B> : never) : never;
/** The answer as parsed (JSON routes). */
export type RouteOutput<R extends RouteDef> = SchemaOutput<R['answer']>;

/** The full path of a route (with API_PREFIX), its `:param`s filled in and encoded. */
export function apiPath(route: RouteDef, params: Record<string, string> = {}): string {
  return API_PREFIX + route.path.replace(/:([A-Za-z]+)/g, (_m, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${route.path} needs the path parameter "${name}"`);
    return encodeURIComponent(value);
  });
}
