import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type FieldError, invalidFields, Refusal, refusals } from '../domain/refusals.js';

/** One error shape for the whole API: RFC 9457 problem details, with a stable `code` from the registry. */
interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  instance?: string;
  /** What the refusal says in simplified Chinese, for a person. */
  reasonZh: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

export const problemContentType = 'application/problem+json';

function problemBody(refusal: Refusal, instance?: string): ProblemBody {
  const { detail: _detail, reasonZh: _reasonZh, headers: _headers, ...extensions } = refusal.details;
  return {
    type: `urn:feisutong:problem:${refusal.code}`,
    title: refusals[refusal.code].title,
    status: refusal.status,
    code: refusal.code,
    detail: refusal.message,
    ...(instance ? { instance } : {}),
    reasonZh: refusal.reasonZh,
    ...extensions,
  };
}

/** Headers some refusals carry: who to authenticate with, when to try again. */
function headersOf(refusal: Refusal): Record<string, string> {
  const headers: Record<string, string> = {};
  if (refusal.code === 'authentication_required') headers['www-authenticate'] = 'Bearer realm="feisutong"';
  const retryAfter = refusal.details.retryAfterSeconds;
  if (typeof retryAfter === 'number') headers['retry-after'] = String(retryAfter);
  else if (refusal.status === 503) headers['retry-after'] = '5';
  return headers;
}

export function problemResponse(c: Context, refusal: Refusal): Response {
  return c.body(JSON.stringify(problemBody(refusal, c.req.path)), refusal.status as ContentfulStatusCode, {
    'content-type': problemContentType,
    ...headersOf(refusal),
  });
}

/** The refusals the HTTP layer itself raises, each named once. */
export const problems = {
  validation: invalidFields,
  unauthenticated: (detail: string) => new Refusal('authentication_required', { detail }),
  forbidden: (detail: string) => new Refusal('forbidden', { detail }),
  notFound: (detail: string) => new Refusal('not_found', { detail }),
  unavailable: (detail: string, retryAfterSeconds = 5) =>
    new Refusal('service_unavailable', { detail, retryAfterSeconds }),
};
