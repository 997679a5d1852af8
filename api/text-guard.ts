import { createMiddleware } from 'hono/factory';
import type { FieldError } from '../domain/refusals.js';
import { isStorableText } from '../domain/storable-text.js';
import type { AppEnv } from './context.js';
import { problems } from './problem.js';

const reason = 'must not contain NUL characters or unpaired surrogates';

function findUnstorable(value: unknown, path: string, found: FieldError[]): void {
  if (found.length >= 10) return;
  if (typeof value === 'string') {
    if (!isStorableText(value)) found.push({ field: path || 'body', reason });
  } else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) findUnstorable(item, `${path}[${index}]`, found);
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (!isStorableText(key)) found.push({ field: path || 'body', reason: `a property name ${reason}` });
      else findUnstorable(item, path ? `${path}.${key}` : key, found);
    }
  }
}

/** Every JSON body, query value and path of the API is checked before any route sees it. */
export const refuseUnstorableText = createMiddleware<AppEnv>(async (c, next) => {
  const found: FieldError[] = [];
  if (!isStorableText(c.req.path)) found.push({ field: 'path', reason });
  for (const [name, values] of Object.entries(c.req.queries())) {
    if (!isStorableText(name) || values.some((value) => !isStorableText(value)))
      found.push({ field: name, reason });
  }
  if (/^application\/(.+\+)?json/i.test(c.req.header('content-type') ?? '')) {
    // A body that is not JSON at all is left to the route's validator, which names it.
    const body = await c.req.json().catch(() => undefined);
    findUnstorable(body, '', found);
  }
  if (found.length > 0) throw problems.validation(found);
  await next();
});
