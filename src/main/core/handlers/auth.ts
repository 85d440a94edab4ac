// auth.*: sign in against the server, keep the session in the cache, start/stop sync.
import { type HandlerMap } from '../context.js';

export const authHandlers: HandlerMap<'auth.login' | 'auth.logout' | 'auth.session'> = {
  'auth.login': async (input, ctx) => {
    // Server errors keep their code (BAD_CREDENTIALS, LOCKED_OUT + details); unreachable → OFFLINE.
    const answer = await ctx.server.call('auth.login', { body: input }, { timeoutMs: 10_000 });
    ctx.setSession({
      token: answer.token, user: answer.user, expiresAt: answer.expiresAt, serverUrl: ctx.server.currentUrl(),
    });
    return answer.user;
  },

  'auth.logout': async (_input, ctx) => {
    const session = ctx.session();
    ctx.setSession(null);
    if (session) {
      // Best effort: the local sign-out must work offline; the server session then expires.
      try {
        await ctx.server.call('auth.logout', {}, { token: session.token, timeoutMs: 3_000 });
      } catch (error) {
        ctx.logger.warn('server logout failed', { error: String(error) });
      }
    }
    return { ok: true as const };
  },

  'auth.session': (_input, ctx) => ({ user: ctx.session()?.user ?? null }),
};
