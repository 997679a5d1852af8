import { Hono } from 'hono';
import { createApi } from '../api/app.js';
import { handleError } from '../api/errors.js';
import { problemResponse } from '../api/problem.js';
import { Refusal } from '../domain/refusals.js';
import { trustedProxiesFrom } from '../http/client-address.js';
import type { HttpVariables } from '../http/context.js';
import type { AppDependencies } from '../http/dependencies.js';
import { requestContext } from '../http/request-context.js';
import { securityHeaders } from '../http/security-headers.js';
import { dashboardRoutes } from '../pages/dashboard/routes.js';
import { publicRoutes } from '../pages/public/routes.js';
import { createDatabaseLoginThrottle } from '../use-cases/auth/database-login-throttle.js';

/**
 * The whole HTTP side on one Hono app: the API (/v1, /docs, /openapi.json, /healthz) and the pages
 * (/dashboard, and the citizens' /my), sharing the request context, the security headers and one login throttle. Both layers call the use cases;
 * neither calls the other.
 */
export function createHttpApp(deps: AppDependencies) {
  const loginThrottle = deps.loginThrottle ?? createDatabaseLoginThrottle(deps.database.db);
  const isTrustedProxy = trustedProxiesFrom(deps.settings.trustedProxies ?? []);
  const app = new Hono<{ Variables: HttpVariables }>();
  app.use('*', requestContext(deps.logger, isTrustedProxy));
  app.use('*', securityHeaders);
  app.route('/dashboard', dashboardRoutes(deps, loginThrottle));
  app.route('/my', publicRoutes(deps));
  app.route('/', createApi(deps, loginThrottle));
  app.notFound((c) =>
    problemResponse(c, new Refusal('not_found', { detail: `No route for ${c.req.method} ${c.req.path}.` })),
  );
  app.onError(handleError as never);
  return app;
}

export type HttpApp = ReturnType<typeof createHttpApp>;
