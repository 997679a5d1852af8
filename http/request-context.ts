import { randomUUID } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import type { Logger } from 'pino';
import { clientAddressOf, type IsTrustedProxy } from './client-address.js';
import type { HttpVariables } from './context.js';

/** A client's own request id, as it may go into a log line: printable ASCII, at most 128 characters. */
function clientRequestIdOf(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const printable = header.replace(/[^\x21-\x7e]/g, '').slice(0, 128);
  return printable === '' ? undefined : printable;
}

/**
 * Every request, API or page: a request id the server makes (echoed in `x-request-id`), a logger that
 * carries it, and the client's address as the login limits count it. A client's own `x-request-id` is
 * logged beside ours as `clientRequestId`, never taken as ours: a client must not choose which log lines
 * a request id finds, nor make two requests share one.
 */
export function requestContext(logger: Logger, isTrustedProxy: IsTrustedProxy) {
  return createMiddleware<{ Variables: HttpVariables }>(async (c, next) => {
    const requestId = randomUUID();
    const clientRequestId = clientRequestIdOf(c.req.header('x-request-id'));
    c.set('requestId', requestId);
    c.set('clientAddress', clientAddressOf(c, isTrustedProxy));
    c.set('logger', logger.child(clientRequestId ? { requestId, clientRequestId } : { requestId }));
    c.header('x-request-id', requestId);
    await next();
  });
}
