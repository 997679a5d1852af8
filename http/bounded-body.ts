import { createMiddleware } from 'hono/factory';
import { Refusal } from '../domain/refusals.js';

export interface BodyLimit {
  maxBytes: number;
  /** The limit as people read it ("1 MiB"): the 413's detail names it. */
  label: string;
}

const tooLarge = (limit: BodyLimit) =>
  new Refusal('payload_too_large', { detail: `The limit is ${limit.label}.` });

/**
 * A request's body read as a stream and given up at the limit: a chunked upload of any size costs at
 * most `maxBytes` of memory before it is refused (413). A declared Content-Length over the limit is
 * refused before anything is read. What is left of a refused body is discarded by the HTTP server
 * (a bounded drain, then the connection is closed), not kept.
 */
export async function readBoundedBody(request: Request, limit: BodyLimit): Promise<Uint8Array> {
  const declared = request.headers.get('content-length');
  if (declared !== null && !request.headers.has('transfer-encoding') && Number(declared) > limit.maxBytes)
    throw tooLarge(limit);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit.maxBytes) {
      reader.releaseLock();
      throw tooLarge(limit);
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}

/**
 * Middleware: the body is read here, bounded, before any handler or validator parses it, and handed
 * on in memory. Requests without a body pass untouched.
 */
export function boundedBody(limit: BodyLimit) {
  return createMiddleware(async (c, next) => {
    if (c.req.raw.body) {
      const body = await readBoundedBody(c.req.raw, limit);
      c.req.raw = new Request(c.req.raw, { body });
    }
    await next();
  });
}

export const oneMiB = 1024 * 1024;
