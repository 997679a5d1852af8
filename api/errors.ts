import type { Hook } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { ZodError } from 'zod';
import { type FieldError, Refusal } from '../domain/refusals.js';
import { toRefusal } from '../http/refusal-of.js';
import type { AppEnv } from './context.js';
import { problemResponse, problems } from './problem.js';

const locations: Record<string, string> = { json: 'body', query: 'query', param: 'path', header: 'header' };

export function fieldErrors(error: ZodError, target: string): FieldError[] {
  return error.issues.map((issue) => {
    const path = issue.path
      .map((part) => (typeof part === 'number' ? `[${part}]` : `.${String(part)}`))
      .join('');
    const field = path.replace(/^\./, '') || locations[target] || target;
    return { field, reason: issue.message, in: locations[target] ?? target };
  });
}

/** zod-openapi's validation hook: a failed schema is a 400 naming each field and its reason. */
export const validationHook: Hook<unknown, AppEnv, string, unknown> = (result) => {
  if (!result.success) throw problems.validation(fieldErrors(result.error, result.target));
};

export function handleError(error: Error, c: Context<AppEnv>): Response {
  const refusal = toRefusal(error);
  if (refusal) return problemResponse(c, refusal);
  c.get('logger')?.error({ err: error }, 'unhandled error');
  return problemResponse(c, new Refusal('internal_error', { detail: 'The error was logged.' }));
}
