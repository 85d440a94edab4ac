// Budgets of failed sign-ins (@fastify/rate-limit): one per client address, checked before
// the body is read, and one per username, checked once the body is parsed. Only refusals
// (wrong password, unknown user, locked) spend the budget, so a shift of agents signing in
// behind one NAT address, or an agent signing in on three desktops, is never slowed. Over
// budget → 429 RATE_LIMITED {code, message, details.until} with Retry-After.
// The counts live in this process's memory and are checked before the attempt and spent
// after it, so they are a soft brake: the limit that must hold even for parallel guesses
// and across server instances is the lock-out in the database (login-throttle.ts).
// The plugin's `rateLimit()` hook cannot do this (it counts every request, and runs once
// per request however many are attached), so the budgets use `createRateLimit()`.
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
    const state = await limiter(request, { increment: false });
    if (state.isAllowed || state.remaining > 0) return;
    reply.header('retry-after', String(state.ttlInSeconds));
    const message = what === 'address'
      ? 'Too many failed sign-ins from this address; wait a moment'
      : 'Too many failed sign-ins for this username; wait a moment';
    throw new SapaError('RATE_LIMITED', message, {
      until: new Date(Date.now() + state.ttl).toISOString(), retryAfterSeconds: state.ttlInSeconds,
    });
  };
}

function limiter(api: FastifyInstance, limit: RateLimit, keyGenerator?: (request: FastifyRequest) => string): Limiter {
  return api.createRateLimit({ max: limit.max, timeWindow: limit.windowMs, ...(keyGenerator ? { keyGenerator } : {}) });
}

export interface LoginBudgets {
  /** The hooks auth.login is registered with (auth/routes.ts). */
  hooks: RouteOptions;
  /** Spends one unit of both budgets: call for every refused sign-in. */
  spend(request: FastifyRequest): Promise<void>;
}

export function loginBudgets(api: FastifyInstance, config: Pick<ServerConfig, 'loginRateLimit'>): LoginBudgets {
  const { perIp, perAccount } = config.loginRateLimit;
  // The plugin's own key for the address: an IPv6 one by its /64 (one host's share).
  const byAddress = limiter(api, perIp);
  const byUsername = limiter(api, perAccount, usernameKey);
  return {
    hooks: { onRequest: [guard(byAddress, 'address')], preHandler: [guard(byUsername, 'account')] },
    async spend(request) {
      await byAddress(request);
      await byUsername(request);
    },
  };
}
