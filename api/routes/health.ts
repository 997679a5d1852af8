import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppDependencies } from '../../http/dependencies.js';
import { checkHealth } from '../../use-cases/system/check-health.js';
import type { AppEnv } from '../context.js';

const HealthSchema = z
  .object({
    status: z.enum(['ok', 'degraded']),
    checks: z.object({
      database: z.object({ status: z.enum(['ok', 'down']), detail: z.string().optional() }),
      temporal: z.object({ status: z.enum(['ok', 'down']), detail: z.string().optional() }),
    }),
  })
  .openapi('Health');

const healthRoute = createRoute({
  method: 'get',
  path: '/healthz',
  tags: ['operations'],
  summary: 'Whether PostgreSQL and Temporal are reachable (no credentials needed; reveals no data)',
  responses: {
    200: { description: 'Everything reachable', content: { 'application/json': { schema: HealthSchema } } },
    503: { description: 'Something is down', content: { 'application/json': { schema: HealthSchema } } },
  },
});

export function healthRoutes(deps: AppDependencies) {
  return new OpenAPIHono<AppEnv>().openapi(healthRoute, async (c) => {
    const health = await checkHealth(deps);
    return c.json(health, health.status === 'ok' ? 200 : 503);
  });
}
