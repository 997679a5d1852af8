import { randomUUID } from 'node:crypto';
import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { authenticate } from './auth/authenticate.js';
import type { AppEnv } from './context.js';
import type { AppDependencies } from './dependencies.js';
import { renderDocsPage } from './docs-page.js';
import { handleError, validationHook } from './errors.js';
import { Problem, problemResponse } from './problem.js';
import { adminRoutes } from './routes/admin-routes.js';
import { selfServiceRoutes } from './routes/admin-self-service.js';
import { authRoutes } from './routes/auth.js';
import { caseTransitionRoutes } from './routes/case-transitions.js';
import { caseRoutes } from './routes/cases.js';
import { healthRoutes } from './routes/health.js';
import { inboxRoutes } from './routes/inbox.js';

export const apiInfo = { title: 'feisutong 飞速通', version: '0.1.0' };

export function createApp(deps: AppDependencies) {
  const app = new OpenAPIHono<AppEnv>({ defaultHook: validationHook });

  app.use('*', async (c, next) => {
    const requestId = c.req.header('x-request-id') ?? randomUUID();
    c.set('requestId', requestId);
    c.set('logger', deps.logger.child({ requestId }));
    c.header('x-request-id', requestId);
    await next();
  });
  app.use(
    '/v1/*',
    bodyLimit({
      maxSize: 1024 * 1024,
      onError: () => {
        throw new Problem(413, 'payload_too_large', 'Request body too large', 'The limit is 1 MiB.');
      },
    }),
  );

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'A staff token from POST /v1/auth/token, or an institution API key (fst_…)',
  });

  const requireCredentials = authenticate({ db: deps.database.db, tokenSecret: deps.settings.tokenSecret });
  app.use('/v1/cases', requireCredentials);
  app.use('/v1/cases/*', requireCredentials);
  app.use('/v1/admin', requireCredentials);
  app.use('/v1/admin/*', requireCredentials);
  app.use('/v1/me', requireCredentials);
  app.use('/v1/me/*', requireCredentials);
  app.use('/v1/inbox', requireCredentials);
  app.use('/v1/inbox/*', requireCredentials);

  app.route('/', healthRoutes(deps));
  app.route('/v1/auth', authRoutes(deps));
  app.route('/v1/cases', caseRoutes(deps));
  app.route('/v1/cases', caseTransitionRoutes(deps));
  app.route('/v1/admin', adminRoutes(deps));
  app.route('/v1/me', selfServiceRoutes(deps));
  app.route('/v1/inbox', inboxRoutes(deps));

  const documentConfig = { openapi: '3.1.0', info: apiInfo };
  app.doc31('/openapi.json', documentConfig);
  app.get('/docs', (c) => c.html(renderDocsPage(app.getOpenAPI31Document(documentConfig))));

  app.notFound((c) =>
    problemResponse(
      c,
      new Problem(404, 'not_found', 'Not found', `No route for ${c.req.method} ${c.req.path}.`),
    ),
  );
  app.onError(handleError);
  return app;
}

export type App = ReturnType<typeof createApp>;
