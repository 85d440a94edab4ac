// Maps every failure to ApiErrorBody JSON with the matching HTTP status.
import { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import { type ErrorCode, SapaError } from '../../shared/errors.js';

export const STATUS_BY_CODE: Record<ErrorCode, number> = {
  INVALID_INPUT: 400,
  BAD_CREDENTIALS: 401,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  ACCOUNT_DISABLED: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  TOO_LARGE: 413,
  LOCKED_OUT: 423,
  THROTTLED: 429,
  RATE_LIMITED: 429,
  WEAK_PASSWORD: 400,
  OFFLINE: 503,
  WIPE_ORDERED: 410,
  INTERNAL: 500,
};

/**
 * Ends the connection after this answer. For a request whose body the server stopped
 * reading (an upload refused half way): undici would otherwise reuse the socket, and the
 * next request on it would be read as the rest of the refused body and never answered.
 */
export function closeAfterReply(reply: FastifyReply): void {
  reply.header('connection', 'close');
}

/** PostgreSQL's SQLSTATE for a statement cancelled (here: by statement_timeout). */
const PG_QUERY_CANCELED = '57014';
/** …and for a serialisation failure, which is also how a hot standby reports a read cancelled by replay. */
const PG_SERIALIZATION_FAILURE = '40001';

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | SapaError, request, reply) => {
    // An answer given before the body was read to its end: the client may still be
    // sending, so the connection cannot carry another request (see closeAfterReply).
    if (!request.raw.complete) closeAfterReply(reply);
    if (error instanceof SapaError) {
      if (error.code === 'INTERNAL') request.log.error({ err: error }, 'internal error');
      return reply.status(STATUS_BY_CODE[error.code]).send(error.toBody());
    }
    if ((error as { code?: unknown }).code === PG_QUERY_CANCELED) {
      // statement_timeout of the request's class (src/server/db/request-class.ts): the
      // statement was cancelled and its transaction rolled back, so trying again is safe.
      return reply.status(503).send({ code: 'OFFLINE', message: 'The database did not answer in time; try again' });
    }
    if ((error as { code?: unknown }).code === PG_SERIALIZATION_FAILURE && /conflict with recovery/i.test(error.message)) {
      // A read on the replica (DATABASE_READ_URL) cancelled by the standby's replay, which
      // needed rows or locks the read held (decision 0032): nothing was written; try again.
      return reply.status(503).send({ code: 'OFFLINE', message: 'The read replica cancelled the read while catching up; try again' });
    }
    const status = error.statusCode ?? 500;
    if (status === 413 || error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return reply.status(413).send({ code: 'TOO_LARGE', message: 'Request body is too large' });
    }
    if (status >= 400 && status < 500) {
      // Fastify's own client errors: malformed JSON, unsupported media type, …
      return reply.status(400).send({ code: 'INVALID_INPUT', message: error.message });
    }
    request.log.error({ err: error }, 'unhandled error');
    return reply.status(500).send({ code: 'INTERNAL', message: 'Internal server error' });
  });
  app.setNotFoundHandler((request, reply) =>
    reply.status(404).send({ code: 'NOT_FOUND', message: `No route ${request.method} ${request.url.split('?')[0]}` }));
}
