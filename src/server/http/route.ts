// Registers a route of the shared route map (src/shared/routes.ts) on Fastify: the method
// and path come from the map, access is enforced from it (a session, and the permission
// action through can()), and params, query and JSON body are parsed with its schemas
// (400 INVALID_INPUT with readable issues) before the handler runs. The handler's answer is
// typed by the map's answer schema. See docs/decisions/0009 for why this small helper and
// not a Fastify type provider.
import {
  type FastifyInstance, type FastifyReply, type FastifyRequest, type onRequestAsyncHookHandler, type preHandlerAsyncHookHandler,
} from 'fastify';
import { type z } from 'zod';
import { type SessionUser } from '../../shared/http.js';
import { ROUTES, type RouteDef, type RouteName } from '../../shared/routes.js';
import { authenticate, currentUser, requirePermission } from '../auth/guard.js';
import { type SessionCheck, sessionCheck } from '../auth/session-check.js';
import { FEED_SCOPE } from '../../shared/integrations.js';
import { integrationGuard } from '../integrations/keys.js';
import { guardCustomerOpen } from '../data-access/lookups.js';
import { type Db } from '../db/db.js';
import { audit } from '../auth/audit.js';
import { auditsRoute } from './route-audit.js';
import { ROUTE_LOAD } from './route-load.js';
import { parseInput } from './validate.js';
import { compressAnswer } from './compress.js';

type Parsed<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteInput<R extends RouteDef> {
  params: R extends { params: infer P } ? Parsed<P> : undefined;
  query: R extends { query: infer Q } ? Parsed<Q> : undefined;
  /** The parsed JSON body; for a `csv` or `bytes` body, the raw request stream. */
  body: R extends { body: infer B } ? (B extends z.ZodType ? z.output<B> : unknown) : undefined;
  /** The signed-in caller (null on a public route). */
  user: R['access'] extends 'public' | 'integration' ? null : SessionUser;
  request: FastifyRequest;
  reply: FastifyReply;
}

/** JSON routes answer their schema's input shape; csv/audio routes send through `reply`. */
export type RouteResult<R extends RouteDef> = R['answer'] extends z.ZodType ? z.input<R['answer']> : FastifyReply;

export type RouteHandler<R extends RouteDef> = (input: RouteInput<R>) => Promise<RouteResult<R>>;

export interface RouteOptions {
  bodyLimit?: number;
  /** Hooks before the body is read (e.g. a per-address request budget). */
  onRequest?: onRequestAsyncHookHandler[];
  /** Hooks after the access checks, with the body parsed (e.g. a per-username budget). */
  preHandler?: preHandlerAsyncHookHandler[];
  /** This route's log level, for routine traffic that would flood the log at info (heartbeats). */
  logLevel?: 'warn' | 'error';
  /** Compress the answer as the client's Accept-Encoding allows (bulk rows: the sync pull; compress.ts). */
  compress?: boolean;
}

export type RegisterRoute = <N extends RouteName>(
  name: N, handler: RouteHandler<(typeof ROUTES)[N]>, options?: RouteOptions,
) => void;

/** The access checks a route's declared access needs, in order. */
export function accessHandlers(db: Db, route: RouteDef, sessions: SessionCheck = sessionCheck(db)): preHandlerAsyncHookHandler[] {
  if (route.access === 'public') return [];
  if (route.access === 'integration') {
    // An external system's API key with the route's scope (integrations/keys.ts), never a session.
    const scope = Object.entries(FEED_SCOPE).find(([name]) => ROUTES[name as RouteName] === route)?.[1];
    if (!scope) throw new Error(`${route.method} ${route.path}: an integration route needs a scope in FEED_SCOPE`);
    return [integrationGuard(db, () => scope)];
  }
  const auth = authenticate(db, sessions);
  return route.access === 'session' ? [auth] : [auth, requirePermission(route.access)];
}

/**
 * A `register(name, handler)` bound to one Fastify scope (under API_PREFIX) and database;
 * `sessions` is the server's session check (app.ts gives the cached one).
 */
export function routeRegistrar(app: FastifyInstance, db: Db, sessions: SessionCheck = sessionCheck(db)): RegisterRoute {
  return (name, handler, options = {}) => {
    const route: RouteDef = ROUTES[name];
    if (typeof route.answer === 'string' && (route.answer === 'tus' || route.answer === 'websocket')) {
      throw new Error(`${name} is not a plain HTTP route (${route.answer}); register it by hand`);
    }
    const what = `${route.method} ${route.path}`;
    const audited = auditsRoute(name, route);
    app.route({
      method: route.method,
      url: route.path,
      config: { requestClass: ROUTE_LOAD[name] ?? 'interactive' },
      // An integration route checks its API key before the (large) body is read.
      preHandler: [...(route.access === 'integration' ? [] : accessHandlers(db, route, sessions)), ...(options.preHandler ?? [])],
      ...(route.access === 'integration' || options.onRequest ? {
        onRequest: [
          ...(route.access === 'integration' ? accessHandlers(db, route, sessions) as unknown as onRequestAsyncHookHandler[] : []),
          ...(options.onRequest ?? []),
        ],
      } : {}),
      ...(options.bodyLimit ? { bodyLimit: options.bodyLimit } : {}),
      ...(options.logLevel ? { logLevel: options.logLevel } : {}),
      ...(options.compress ? { onSend: [compressAnswer] } : {}),
      handler: async (request, reply) => {
        const input = {
          params: route.params ? parseInput(route.params, request.params, `path of ${what}`) : undefined,
          query: route.query ? parseInput(route.query, request.query, `query of ${what}`) : undefined,
          body: route.body === 'csv' || route.body === 'bytes' ? request.body
            : route.body ? parseInput(route.body, request.body, `body of ${what}`) : undefined,
          user: route.access === 'public' || route.access === 'integration' ? null : currentUser(request),
          request, reply,
        };
        // Opening a customer outside one's working set: audited, and refused over the hourly limit.
        if (route.opensCustomer && input.user) {
          await guardCustomerOpen(db, input.user, (input.params as { id: string }).id, { via: name, ip: request.ip });
        }
        if (route.status) reply.code(route.status);
        const answer = await handler(input as never);
        if (audited) {
          // Written before the answer leaves: a change that was made is never unaudited.
          const subject = (input.params as { id?: string } | undefined)?.id ?? null;
          await audit(db, name, input.user?.id ?? null, subject, { route: what }, request.ip);
        }
        return answer;
      },
    });
  };
}
