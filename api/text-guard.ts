import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { FieldError } from '../domain/refusals.js';
import { isStorableText } from '../domain/storable-text.js';
import type { AppEnv } from './context.js';
import { problems } from './problem.js';

const reason = 'must not contain NUL characters or unpaired surrogates';

/** Deeper than any body the API takes (a case is a handful of levels); deep enough for any real client. */
export const maxJsonDepth = 64;

/**
 * How deep a JSON text nests, counted over its characters without parsing it and without recursion,
 * stopping as soon as `limit` is passed: a body of 5,000 brackets costs one pass, not a stack.
 */
export function jsonDepthExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 0x5c)
        index++; // a backslash escapes the next character
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x5b || char === 0x7b) {
      if (++depth > limit) return true;
    } else if (char === 0x5d || char === 0x7d) depth--;
  }
  return false;
}

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

/**
 * Every JSON body, query value and path of the API is checked before any route sees it: text
 * PostgreSQL cannot store, and JSON nested deeper than `maxJsonDepth` (400 naming the body; the walk
 * below recurses, so depth is checked first, on the text). `readsBody` says which requests have a JSON
 * body to check (the ledger import's upload is a file, read by its route after the admin check).
 */
export function refuseUnstorableText(readsBody: (c: Context<AppEnv>) => boolean) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const found: FieldError[] = [];
    if (!isStorableText(c.req.path)) found.push({ field: 'path', reason });
    for (const [name, values] of Object.entries(c.req.queries())) {
      if (!isStorableText(name) || values.some((value) => !isStorableText(value)))
        found.push({ field: name, reason });
    }
    if (readsBody(c) && /^application\/(.+\+)?json/i.test(c.req.header('content-type') ?? '')) {
      const text = await c.req.text();
      if (jsonDepthExceeds(text, maxJsonDepth))
        throw problems.validation([
          { field: 'body', reason: `must not nest more than ${maxJsonDepth} levels deep`, in: 'body' },
        ]);
      // A body that is not JSON at all is left to the route's validator, which names it.
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined;
      }
      findUnstorable(body, '', found);
    }
    if (found.length > 0) throw problems.validation(found);
    await next();
  });
}
