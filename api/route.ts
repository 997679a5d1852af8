import { createRoute, type RouteConfig, z } from '@hono/zod-openapi';
import { type Audience, requireAccess } from './access.js';
import { problemContentType } from './problem.js';

const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    errors: z.array(z.object({ field: z.string(), reason: z.string() })).optional(),
  })
  .passthrough()
  .openapi('Problem');

const problem = (description: string) => ({
  description,
  content: { [problemContentType]: { schema: ProblemSchema } },
});

/** Error responses every authenticated route can give. */
export const standardProblems = {
  400: problem('Malformed request: the field and the reason are named'),
  401: problem('No valid credentials'),
  403: problem('The caller may not use this route'),
  503: problem('A dependency is unavailable; retry after the given time'),
} as const;

export { problem as problemResponseSpec };

/**
 * A route whose access rule is part of its definition: the middleware enforces it, and the OpenAPI
 * document publishes it as `x-access` (the authorisation matrix test reads it from there).
 */
export function secureRoute<const R extends Omit<RouteConfig, 'middleware' | 'security'> & { path: string }>(
  config: R & { access: readonly Audience[] },
) {
  const { access, ...route } = config;
  return createRoute({
    ...route,
    security: [{ bearerAuth: [] }],
    middleware: requireAccess(access),
    'x-access': access,
  } as unknown as R & { security: { bearerAuth: string[] }[]; middleware: ReturnType<typeof requireAccess> });
}
