import { createRoute, type RouteConfig, z } from '@hono/zod-openapi';
import { type RefusalCode, refusals } from '../domain/refusals.js';
import { institutionKindLabelsZh, staffRoleLabelsZh } from '../domain/vocabulary.js';
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
 * What the document says about an operation, for the people who call it (a court's IT department, the
 * centre's own developers): all of it required, so no route ships undocumented.
 */
export interface OperationDocs {
  /** The operation's stable name (camelCase verb and noun): generated clients call it by this. */
  operationId: string;
  /** One line in Chinese: what it does. */
  summary: string;
  /** In Chinese: who calls it, what it changes, what to do next (Markdown). */
  description: string;
  /**
   * The refusals it can answer (codes of domain/refusals.ts) beyond those every operation can (see the
   * document's description): listed with their status and Chinese text under the description, and
   * each status is added to the responses when the route does not name it.
   */
  refusals: readonly RefusalCode[];
}

const audienceLabelZh = (audience: Audience) =>
  (staffRoleLabelsZh as Record<string, string>)[audience] ??
  (institutionKindLabelsZh as Record<string, string>)[audience] ??
  audience;

function describeOperation(docs: OperationDocs, access: readonly Audience[] | undefined): string {
  const lines = [docs.description.trim(), ''];
  lines.push(
    access
      ? `**可调用者：** ${access.map((a) => `${audienceLabelZh(a)}（\`${a}\`）`).join('、')}`
      : '**可调用者：** 无需凭证',
  );
  if (docs.refusals.length > 0) {
    lines.push('', '**可能的拒绝**（problem+json 的 `code`；各接口通用的拒绝见文档开头）：', '');
    lines.push('| HTTP | code | 说明 |', '| --- | --- | --- |');
    for (const code of docs.refusals) {
      const entry = refusals[code];
      lines.push(`| ${entry.status} | \`${code}\` | ${entry.zh} |`);
    }
  }
  return lines.join('\n');
}

type Responses = RouteConfig['responses'];

/** What any route that takes a body may answer about the body itself (too large, of another type). */
const bodyRefusals: readonly RefusalCode[] = ['payload_too_large', 'unsupported_media_type'];

/**
 * The route's own responses, plus one for each status its refusals (and, when it takes a body, the
 * body's own refusals) answer with that it did not name.
 */
function withRefusalResponses(route: DocumentedRoute): Responses {
  const { responses } = route;
  const codes = route.request?.body ? [...route.refusals, ...bodyRefusals] : route.refusals;
  const added: Record<string, string[]> = {};
  for (const code of codes) {
    const status = String(refusals[code].status);
    if (!(status in responses)) added[status] = [...(added[status] ?? []), code];
  }
  const extra = Object.fromEntries(
    Object.entries(added).map(([status, list]) => [status, problem(`Refused: ${list.join(', ')}`)]),
  );
  return { ...responses, ...extra };
}

type DocumentedRoute = Omit<
  RouteConfig,
  'middleware' | 'security' | 'summary' | 'description' | 'operationId'
> & {
  path: string;
} & OperationDocs;

/**
 * A route whose access rule is part of its definition: the middleware enforces it, and the OpenAPI
 * document publishes it as `x-access` (the authorisation matrix test reads it from there).
 */
export function secureRoute<const R extends DocumentedRoute>(config: R & { access: readonly Audience[] }) {
  const { access, refusals: _refusals, description: _description, ...route } = config;
  return createRoute({
    ...route,
    description: describeOperation(config, access),
    responses: withRefusalResponses(config),
    security: [{ bearerAuth: [] }],
    middleware: requireAccess(access),
    'x-access': access,
  } as unknown as Omit<R, 'refusals'> & {
    security: { bearerAuth: string[] }[];
    middleware: ReturnType<typeof requireAccess>;
  });
}

/** A route anyone may call (logging in, the health check): `security: []` says so explicitly. */
export function publicRoute<const R extends DocumentedRoute>(config: R) {
  const { refusals: _refusals, description: _description, ...route } = config;
  return createRoute({
    ...route,
    description: describeOperation(config, undefined),
    responses: withRefusalResponses(config),
    security: [],
  } as unknown as Omit<R, 'refusals'> & { security: [] });
}
