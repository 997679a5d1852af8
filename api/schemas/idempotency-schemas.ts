import { z } from '@hono/zod-openapi';

/** The `Idempotency-Key` request header (IETF draft "The Idempotency-Key HTTP Header Field"). */
export const IdempotencyKeyHeader = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[\x21-\x7E]+$/, 'must be printable ASCII without spaces (a UUID is a good key)')
  .optional()
  .openapi({
    description:
      'A unique key per intended change (a UUID), sent again unchanged when the request is retried. The ' +
      'same key with the same body answers the first answer again (with `Idempotent-Replayed: true`), ' +
      'even when the first answer was lost; the same key with another body or on another operation is ' +
      'refused with 422 `idempotency_key_reused`. Keys are per caller. A refused request (4xx) keeps no key.',
    example: '8e03978e-40d5-43e8-bc93-6894a57f9324',
  });

/** Set on an answer replayed for a retry with the same Idempotency-Key. */
export const replayedHeader = { 'idempotent-replayed': 'true' } as const;
