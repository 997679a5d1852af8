import { HTTPException } from 'hono/http-exception';
import { Refusal } from '../domain/refusals.js';
import { isUnavailable } from '../use-cases/shared/unavailable.js';

/**
 * Anything thrown, as a refusal of the registry: the refusals themselves, Hono's own HTTP errors
 * (malformed JSON, a body over its limit, a body of a type the route does not take) and a backing service that does not answer. Anything else
 * is a bug: undefined here, a logged 500 below.
 */
export function toRefusal(error: unknown): Refusal | undefined {
  if (error instanceof Refusal) return error;
  if (error instanceof HTTPException) {
    if (error.status === 413) return new Refusal('payload_too_large', { detail: error.message });
    if (error.status === 400) return new Refusal('malformed_request', { detail: error.message });
    if (error.status === 415)
      return new Refusal('unsupported_media_type', { detail: 'Send the body as the route declares it.' });
    return undefined;
  }
  if (isUnavailable(error))
    return new Refusal('service_unavailable', {
      detail: 'A backing service (PostgreSQL or Temporal) is not answering.',
      retryAfterSeconds: 5,
    });
  return undefined;
}
