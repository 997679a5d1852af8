import { createRoute, OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppEnv } from '../context.js';
import type { AppDependencies } from '../dependencies.js';

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

async function check(probe: () => Promise<unknown>): Promise<{ status: 'ok' | 'down'; detail?: string }> {
  try {
    await Promise.race([
      probe(),
      new Promise((_, reject) => setTimeout(() => reject(new Error('timed out after 2 s')), 2000).unref()),
    ]);
    return { status: 'ok' };
  } catch (error) {
    return { status: 'down', detail: error instanceof Error ? error.message : String(error) };
  }
}

export function healthRoutes(deps: AppDependencies) {
  return new OpenAPIHono<AppEnv>().openapi(healthRoute, async (c) => {
    const [database, temporal] = await Promise.all([
      check(() => deps.database.sql`select 1`),
      check(() => deps.temporal.workflowService.getSystemInfo({})),
    ]);
    const ok = database.status === 'ok' && temporal.status === 'ok';
    return c.json(
      { status: ok ? ('ok' as const) : ('degraded' as const), checks: { database, temporal } },
      ok ? 200 : 503,
    );
  });
}
