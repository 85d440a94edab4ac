// What the server's logs may say about a request. Logs travel to log collectors and
// support tickets: they must not carry a customer's phone number, name or what an agent
// searched for. Those arrive in query strings (GET /customers/by-phone?phone=…,
// GET /customers/search?q=…) and in PostgreSQL's error details ("Key (phone)=(0812…)").
import { type FastifyRequest } from 'fastify';

/** The path with every query value replaced: `/customers/search?q=…` keeps its key, not its value. */
export function redactedUrl(url: string): string {
  const at = url.indexOf('?');
  if (at < 0) return url;
  const keys = url.slice(at + 1).split('&').filter(Boolean).map((pair) => pair.split('=')[0]);
  return `${url.slice(0, at)}?${keys.map((key) => `${key}=[redacted]`).join('&')}`;
}

/** Fastify's request log line, with the query string's values redacted. */
export function requestForLog(request: FastifyRequest): Record<string, unknown> {
  return {
    method: request.method,
    url: redactedUrl(request.url),
    remoteAddress: request.ip,
  };
}

/** Fields of a pg DatabaseError that quote the row's values. */
const VALUE_FIELDS = ['detail', 'where', 'internalQuery', 'parameters'] as const;

export interface LoggedError { [key: string]: unknown; type: string; message: string; stack: string }

/** An error as logged: name, message, code and stack; never the values PostgreSQL quotes. */
export function errorForLog(error: unknown): LoggedError {
  if (!(error instanceof Error)) return { type: typeof error, message: String(error), stack: '' };
  const out: LoggedError = { type: error.name, message: error.message, stack: error.stack ?? '' };
  const { code } = error as { code?: unknown };
  if (code !== undefined) out.code = code;
  for (const field of VALUE_FIELDS) if (field in error) out[field] = '[redacted]';
  return out;
}
