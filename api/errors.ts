import type { Hook } from '@hono/zod-openapi';
import { ServiceError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ZodError } from 'zod';
import { DomainError } from '../domain/errors.js';
import type { AppEnv } from './context.js';
import { type FieldError, Problem, problemResponse, problems } from './problem.js';

const locations: Record<string, string> = { json: 'body', query: 'query', param: 'path', header: 'header' };

export function fieldErrors(error: ZodError, target: string): FieldError[] {
  return error.issues.map((issue) => {
    const path = issue.path
      .map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`))
      .join('');
    const field = path.replace(/^\./, '') || locations[target] || target;
    return { field, reason: issue.message, in: locations[target] ?? target } as FieldError;
  });
}

/** zod-openapi's validation hook: a failed schema is a 400 naming each field and its reason. */
export const validationHook: Hook<unknown, AppEnv, string, unknown> = (result) => {
  if (!result.success) throw problems.validation(fieldErrors(result.error, result.target));
};

const unavailableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  '57P01', // admin_shutdown
  '57P03', // cannot_connect_now
]);

function isUnavailable(error: unknown): boolean {
  for (let current: unknown = error; current; current = (current as { cause?: unknown }).cause) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && unavailableCodes.has(code)) return true;
    if (current instanceof ServiceError) return true;
    if (current === (current as { cause?: unknown }).cause) break;
  }
  return false;
}

/** Map anything thrown to a problem+json response. A 500 is a bug and is logged as one. */
export function toProblem(error: unknown): Problem | undefined {
  if (error instanceof Problem) return error;
  if (error instanceof HTTPException) {
    if (error.status === 400)
      return new Problem(400, 'malformed_request', 'Malformed request', error.message);
    if (error.status === 413)
      return new Problem(413, 'payload_too_large', 'Request body too large', error.message);
    return new Problem(error.status as 400, 'http_error', error.message || 'Request refused');
  }
  // A pure rule refused the input (a date outside what the calendar handles, no policy in force):
  // malformed values are a 400, other refusals a 422, both with the rule's stable code.
  if (error instanceof DomainError) {
    const malformed = error.code.startsWith('invalid_');
    return new Problem(
      malformed ? 400 : 422,
      error.code,
      malformed ? 'The request is not valid' : 'Refused by a rule',
      error.message,
      error.reasonZh ? { reasonZh: error.reasonZh } : {},
    );
  }
  if (error instanceof WorkflowUpdateFailedError) return undefined;
  if (isUnavailable(error))
    return problems.unavailable('A backing service (PostgreSQL or Temporal) is not answering.');
  return undefined;
}

export function handleError(error: Error, c: Context<AppEnv>): Response {
  const problem = toProblem(error);
  if (problem) return problemResponse(c, problem);
  c.get('logger')?.error({ err: error }, 'unhandled error');
  return problemResponse(c, new Problem(500, 'internal_error', 'Internal error', 'The error was logged.'));
}
