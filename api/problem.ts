import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** One error shape for the whole API: RFC 9457 problem details, with a stable `code`. */
export interface FieldError {
  field: string;
  reason: string;
}

export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export class Problem extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly extensions: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? title);
    this.name = 'Problem';
  }
}

export const problemContentType = 'application/problem+json';

export function problemBody(problem: Problem, instance?: string): ProblemBody {
  return {
    type: `urn:feisutong:problem:${problem.code}`,
    title: problem.title,
    status: problem.status,
    code: problem.code,
    ...(problem.detail ? { detail: problem.detail } : {}),
    ...(instance ? { instance } : {}),
    ...problem.extensions,
  };
}

export function problemResponse(c: Context, problem: Problem): Response {
  return c.body(JSON.stringify(problemBody(problem, c.req.path)), problem.status, {
    'content-type': problemContentType,
    ...problem.headers,
  });
}

export const problems = {
  validation: (errors: FieldError[]) =>
    new Problem(
      400,
      'validation_failed',
      'The request is not valid',
      errors.map((e) => `${e.field}: ${e.reason}`).join('; '),
      { errors },
    ),
  unauthenticated: (detail: string) =>
    new Problem(
      401,
      'authentication_required',
      'Authentication required',
      detail,
      {},
      {
        'www-authenticate': 'Bearer realm="feisutong"',
      },
    ),
  forbidden: (detail: string) => new Problem(403, 'forbidden', 'Not allowed', detail),
  notFound: (detail: string) => new Problem(404, 'not_found', 'Not found', detail),
  unavailable: (detail: string, retryAfterSeconds = 5) =>
    new Problem(
      503,
      'service_unavailable',
      'Service temporarily unavailable',
      detail,
      {},
      {
        'retry-after': String(retryAfterSeconds),
      },
    ),
};
