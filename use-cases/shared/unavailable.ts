import { ServiceError } from '@temporalio/client';

const unavailableCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  // A query written to a socket PostgreSQL has just closed (seen on Node 24 under load while it stops).
  'EPIPE',
  'ETIMEDOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  'CONNECT_TIMEOUT',
  '57P01', // admin_shutdown
  '57P03', // cannot_connect_now
]);

/** Whether an error says PostgreSQL or Temporal did not answer (the caller may simply try again). */
export function isUnavailable(error: unknown): boolean {
  for (let current: unknown = error; current; current = (current as { cause?: unknown }).cause) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && unavailableCodes.has(code)) return true;
    if (current instanceof ServiceError) return true;
    if (current === (current as { cause?: unknown }).cause) break;
  }
  return false;
}
