// HTTP client for the central server. Knows the ordered list of server URLs and fails
// over to the next one when a server cannot be reached (and sticks with the one that
// answered). Maps every failure onto a SapaError: server error bodies keep their code,
// network failures and timeouts become OFFLINE, malformed answers become INTERNAL.
// `call(name, …)` reaches a route of the shared route map (src/shared/routes.ts): its
// method and path come from the map and its answer is parsed with the map's schema.
import { z } from 'zod';
import { ApiErrorBody, SapaError, describeZodIssues } from '../../../shared/errors.js';
import {
  ROUTES, apiPath, type RouteBody, type RouteDef, type RouteName, type RouteParams, type RouteQuery,
} from '../../../shared/routes.js';
import { type Logger } from '../logger.js';
import { checkServerUrl } from './server-url.js';

export const DEFAULT_TIMEOUT_MS = 15_000;

interface RequestOptions<T extends z.ZodType> {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  query?: Record<string, string | number | undefined>;
  json?: unknown;
  /** A streamed body (not retried on another server: a stream can be read only once). */
  stream?: { body: ReadableStream<Uint8Array>; contentType: string };
  token?: string | null;
  timeoutMs?: number;
  schema: T;
  /** Answer as text instead of JSON (then `schema` must accept a string). */
  text?: boolean;
}

type Route<N extends RouteName> = (typeof ROUTES)[N];

/**
 * What a call sends: the route's path parameters, query and JSON body, as the map types them.
 * Not distributive ([R] extends [...]): over the union of every route (the generic `call`'s
 * constraint) three distributive parts intersect into the cross product of all params,
 * queries and bodies, which grew past what tsc can represent (TS2590).
 */
export type CallInput<R extends RouteDef> =
  & ([R] extends [{ params: z.ZodType }] ? { params: RouteParams<R> } : { params?: never })
  & ([R] extends [{ query: z.ZodType }] ? { query?: RouteQuery<R> } : { query?: never })
  & ([R] extends [{ body: z.ZodType }] ? { body: RouteBody<R> } : { body?: never });

/** A JSON route answers its schema's output; a `csv` route answers the text. */
export type CallAnswer<R extends RouteDef> = R['answer'] extends z.ZodType ? z.output<R['answer']> : string;

export interface CallOptions {
  token?: string | null;
  timeoutMs?: number;
  /** A streamed body (`csv` routes). */
  stream?: { body: ReadableStream<Uint8Array>; contentType: string };
}

export interface ServerClient {
  readonly urls: readonly string[];
  /** The server URL that last answered (first in the list until one does). */
  currentUrl(): string;
  /** Calls a route of the shared route map; the answer is parsed with the map's schema. */
  call<N extends RouteName>(name: N, input: CallInput<Route<N>>, options?: CallOptions): Promise<CallAnswer<Route<N>>>;
}

export interface ServerClientOptions {
  /** While on a secondary server, try the primary again at most this often (default 30 s). */
  retryPrimaryMs?: number;
  /** Accept-Encoding of every request (default `br, gzip`; benches compare with `identity`). */
  acceptEncoding?: string;
}

export function createServerClient(urls: readonly string[], logger: Logger, options: ServerClientOptions = {}): ServerClient {
  const retryPrimaryMs = options.retryPrimaryMs ?? 30_000;
  let lastPrimaryTry = 0;
  if (urls.length === 0) throw new SapaError('INVALID_INPUT', 'At least one server URL is required');
  // https only, except to this machine (server-url.ts).
  const bases = urls.map(checkServerUrl);
  let preferred = 0;

  async function attempt<T extends z.ZodType>(base: string, o: RequestOptions<T>): Promise<z.output<T>> {
    const url = new URL(base + o.path);
    for (const [key, value] of Object.entries(o.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const headers: Record<string, string> = {
      accept: o.text ? 'text/csv, text/plain' : 'application/json',
      // The sync pull answers compressed (server http/compress.ts); fetch decodes either.
      'accept-encoding': options.acceptEncoding ?? 'br, gzip',
    };
    if (o.token) headers.authorization = `Bearer ${o.token}`;
    let body: BodyInit | undefined;
    if (o.stream) {
      headers['content-type'] = o.stream.contentType;
      body = o.stream.body;
    } else if (o.json !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(o.json);
    }
    let response: Response;
    try {
      response = await fetch(url, {
        method: o.method ?? 'GET', headers, body,
        signal: AbortSignal.timeout(o.timeoutMs ?? DEFAULT_TIMEOUT_MS),
        // Needed by Node's fetch for a streamed request body.
        ...(o.stream ? { duplex: 'half' } : {}),
      } as RequestInit);
    } catch (error) {
      throw new SapaError('OFFLINE', `Server ${base} cannot be reached: ${describeNetworkError(error)}`);
    }
    if (!response.ok) throw await errorFromResponse(response);
    let payload: unknown;
    try {
      payload = o.text ? await response.text() : await response.json();
    } catch (error) {
      throw new SapaError('INTERNAL', `Server ${base} sent an unreadable answer: ${describeNetworkError(error)}`);
    }
    const parsed = o.schema.safeParse(payload);
    if (!parsed.success) {
      throw new SapaError('INTERNAL', `Server ${base} sent data that does not match the contract`, {
        path: o.path, issues: describeZodIssues(parsed.error),
      });
    }
    return parsed.data;
  }

  async function request<T extends z.ZodType>(o: RequestOptions<T>): Promise<z.output<T>> {
    // On a secondary, go back to the primary (first URL) once it answers again: the
    // primary is tried first every `retryPrimaryMs`.
    let start = preferred;
    if (preferred !== 0 && !o.stream && Date.now() - lastPrimaryTry >= retryPrimaryMs) {
      lastPrimaryTry = Date.now();
      start = 0;
    }
    const order = o.stream ? [preferred] : bases.map((_, i) => (start + i) % bases.length);
    let lastError: unknown;
    for (const index of order) {
      const base = bases[index];
      if (base === undefined) continue;
      try {
        const result = await attempt(base, o);
        if (index !== preferred) logger.info('switched server', { from: bases[preferred], to: base });
        preferred = index;
        return result;
      } catch (error) {
        if (!(error instanceof SapaError) || error.code !== 'OFFLINE') throw error;
        lastError = error;
      }
    }
    throw lastError instanceof Error ? lastError : new SapaError('OFFLINE', 'No server can be reached');
  }

  return {
    urls: bases,
    currentUrl: () => bases[preferred] ?? bases[0] ?? '',
    call(name, input, options = {}) {
      const route: RouteDef = ROUTES[name];
      if (typeof route.answer === 'string' && route.answer !== 'csv') {
        throw new SapaError('INTERNAL', `${name} is not called through server.call (${route.answer})`);
      }
      const { params, query, body } = input as { params?: Record<string, string>; query?: Record<string, unknown>; body?: unknown };
      return request({
        method: route.method,
        path: apiPath(route, params),
        query: Object.fromEntries(Object.entries(query ?? {}).map(([k, v]) => [k, v === undefined ? undefined : String(v)])),
        ...(body !== undefined ? { json: body } : {}),
        ...(options.stream ? { stream: options.stream } : {}),
        token: options.token ?? null,
        ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
        schema: typeof route.answer === 'string' ? z.string() : route.answer,
        text: route.answer === 'csv',
      }) as Promise<never>;
    },
  };
}

async function errorFromResponse(response: Response): Promise<SapaError> {
  let payload: unknown;
  try {
    payload = await response.json();
  } catch {
    payload = undefined;
  }
  const body = ApiErrorBody.safeParse(payload);
  if (body.success) return new SapaError(body.data.code, body.data.message, body.data.details);
  if (response.status === 401) return new SapaError('UNAUTHENTICATED', 'The session has expired');
  if (response.status === 403) return new SapaError('FORBIDDEN', 'Not allowed');
  if (response.status === 404) return new SapaError('NOT_FOUND', 'Not found on the server');
  if (response.status === 413) return new SapaError('TOO_LARGE', 'Too large for the server');
  // Gateways answer 502/503/504 when the server behind them is down.
  if (response.status >= 502 && response.status <= 504) return new SapaError('OFFLINE', `Server unavailable (${response.status})`);
  return new SapaError('INTERNAL', `Server answered ${response.status}`);
}

function describeNetworkError(error: unknown): string {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError') return 'timed out';
    const cause = (error as Error & { cause?: unknown }).cause;
    if (cause instanceof Error && cause.message) return cause.message;
    return error.message;
  }
  return String(error);
}
