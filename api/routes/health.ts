import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppDependencies } from '../../http/dependencies.js';
import { checkHealth } from '../../use-cases/system/check-health.js';
import type { AppEnv } from '../context.js';
import { publicRoute } from '../route.js';

const HealthSchema = z
  .object({
    status: z.enum(['ok', 'degraded']),
    checks: z.object({
      database: z.object({ status: z.enum(['ok', 'down']), detail: z.string().optional() }),
      temporal: z.object({ status: z.enum(['ok', 'down']), detail: z.string().optional() }),
    }),
  })
  .openapi('Health');

/**
 * Infrastructure, not part of the API's contract: kept out of the OpenAPI document (the document's
 * description names it), so that every operation listed there is one a caller builds on.
 */
const healthRoute = publicRoute({
  hide: true,
  method: 'get',
  path: '/healthz',
  tags: ['operations'],
  operationId: 'checkHealth',
  summary: '健康检查：数据库与流程服务是否可用',
  description: `负载均衡器、容器编排与运维监控调用：检查 PostgreSQL 与 Temporal 是否可达。无需凭证，不返回任何业务数据，不改变任何数据。
全部可达为 200，否则 503 并指明哪一项不可用。`,
  refusals: [],
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
