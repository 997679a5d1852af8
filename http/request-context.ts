import { randomUUID } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import type { Logger } from 'pino';
import { clientAddressOf, type IsTrustedProxy } from './client-address.js';
import type { HttpVariables } from './context.js';

/**
 * Every request, API or page: a request id (echoed in `x-request-id`), a logger that carries it, and
 * the client's address as the login limits count it.
 */
export function requestContext(logger: Logger, isTrustedProxy: IsTrustedProxy) {
  return createMiddleware<{ Variables: HttpVariables }>(async (c, next) => {
    const requestId = c.req.header('x-request-id') ?? randomUUID();
    c.set('requestId', requestId);
    c.set('clientAddress', clientAddressOf(c, isTrustedProxy));
    c.set('logger', logger.child({ requestId }));
    c.header('x-request-id', requestId);
    await next();
  });
}
