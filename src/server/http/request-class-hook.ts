// Runs every request inside its route's request class, so its database work uses that
// class's pool and statement timeout (src/server/db/request-class.ts). Set in onRequest,
// the first hook, so the session check of the guards runs in the class too.
import { type FastifyInstance } from 'fastify';
import { inRequestClass, type RequestClass } from '../db/request-class.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route's request class (route.ts fills it from ROUTE_LOAD); absent → interactive. */
    requestClass?: RequestClass;
  }
}

export function installRequestClasses(app: FastifyInstance): void {
  app.addHook('onRequest', (request, _reply, done) => {
    inRequestClass(request.routeOptions.config.requestClass ?? 'interactive', done);
  });
}
