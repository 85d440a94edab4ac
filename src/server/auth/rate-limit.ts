// Request budgets for the sign-in route (@fastify/rate-limit): one per client address,
// checked before the body is read, and one per username, checked once the body is parsed.
// Over budget → 429 RATE_LIMITED {code, message, details.until} with Retry-After. The counts
// live in this process's memory: with several server instances each keeps its own, which
// is why the lock-out that must hold (login-throttle.ts) is counted in the database.
// The plugin's `rateLimit()` hook runs once per request however many are attached, so the
// two budgets use `createRateLimit()` and answer through these small hooks.
import { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { SapaError } from '../../shared/errors.js';
import { type RateLimit, type ServerConfig } from '../config.js';
import { type RouteOptions } from '../http/route.js';

type Limiter = ReturnType<FastifyInstance['createRateLimit']>;

function usernameKey(request: FastifyRequest): string {
  const body = request.body as { username?: unknown } | undefined;
  const name = typeof body?.username === 'string' ? body.username.trim().toLowerCase() : '';
  return `user:${name}`;
}

function guard(limiter: Limiter, what: 'address' | 'account') {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const state = await limiter(request);
    if (state.isAllowed || !state.isExceeded) return;
    reply.header('retry-after', String(state.ttlInSeconds));
    const message = what === 'address'
      ? 'Too many sign-in attempts from this address; wait a moment'
      : 'Too many sign-in attempts for this username; wait a moment';
    throw new SapaError('RATE_LIMITED', message, {
      until: new Date(Date.now() + state.ttl).toISOString(), retryAfterSeconds: state.ttlInSeconds,
    });
  };
}

function limiter(api: FastifyInstance, limit: RateLimit, keyGenerator?: (request: FastifyRequest) => string): Limiter {
  return api.createRateLimit({ max: limit.max, timeWindow: limit.windowMs, ...(keyGenerator ? { keyGenerator } : {}) });
}

/** The hooks auth.login is registered with (auth/routes.ts). */
export function loginRateLimits(api: FastifyInstance, config: Pick<ServerConfig, 'loginRateLimit'>): RouteOptions {
  const { perIp, perAccount } = config.loginRateLimit;
  return {
    // The plugin's own key: the client address, an IPv6 one by its /64 (one host's share).
    onRequest: [guard(limiter(api, perIp), 'address')],
    preHandler: [guard(limiter(api, perAccount, usernameKey), 'account')],
  };
}
