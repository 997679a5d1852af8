import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { idempotencyKeys } from '../../db/schema/index.js';
import { Refusal } from '../../domain/refusals.js';
import { requestHash } from '../../lib/request-hash.js';
import type { Principal } from '../auth/principal.js';

type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];

/** A request sent with an `Idempotency-Key`: whose key, the key, and the hash of what was asked. */
export interface IdempotentRequest {
  owner: string;
  key: string;
  requestHash: string;
}

/** The first answer to a keyed request, replayed to its retries. */
export interface StoredAnswer {
  status: number;
  body: unknown;
}

/** What an earlier request with the same key left: its answer, or (still unanswered) its state. */
export type EarlierRequest = { answered: true; answer: StoredAnswer } | { answered: false; state: unknown };

/**
 * The key as sent (a bare token, or an RFC 8941 string in quotes as the draft's examples have it),
 * bound to its caller and to the operation and body it came with.
 */
export function idempotentRequest(
  principal: Principal,
  key: string | undefined,
  operation: string,
  body: unknown,
): IdempotentRequest | undefined {
  if (key === undefined) return undefined;
  const owner =
    principal.kind === 'staff' ? `staff:${principal.userId}` : `institution:${principal.institutionId}`;
  const bare = key.length >= 2 && key.startsWith('"') && key.endsWith('"') ? key.slice(1, -1) : key;
  return { owner, key: bare, requestHash: requestHash({ operation, body }) };
}

/**
 * The id Temporal deduplicates an Update by: a retry of the same request attaches to the first Update.
 * The request's hash is part of it, so a corrected body sent under a key that was refused (and so
 * forgotten) is a new Update, not the old refusal again.
 */
export function updateIdOf(request: IdempotentRequest): string {
  const digest = createHash('sha256')
    .update(`${request.owner}\n${request.key}\n${request.requestHash}`)
    .digest('hex');
  return `idempotency-${digest.slice(0, 32)}`;
}

function reused(): Refusal {
  return new Refusal('idempotency_key_reused', {
    detail: 'Idempotency-Key: already used for a different request (another operation or body)',
    errors: [
      {
        field: 'Idempotency-Key',
        in: 'header',
        reason: 'already used for a different request',
        reasonZh: '该幂等键已用于另一项请求',
      },
    ],
  });
}

/**
 * Claim the key for this request. Undefined: it is ours (the row is written in `tx`, so it stands or
 * falls with what the caller does in the same transaction). Otherwise what the earlier request with
 * this key left; a different request under the same key is refused (422 naming the header).
 */
export async function claimIdempotencyKey(
  db: Database | Transaction,
  request: IdempotentRequest,
): Promise<EarlierRequest | undefined> {
  const inserted = await db
    .insert(idempotencyKeys)
    .values({ owner: request.owner, key: request.key, requestHash: request.requestHash })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  if (inserted.length > 0) return undefined;
  const [earlier] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.owner, request.owner), eq(idempotencyKeys.key, request.key)))
    .limit(1);
  if (!earlier) return { answered: false, state: null }; // forgotten in between: the work is redone
  if (earlier.requestHash !== request.requestHash) throw reused();
  return earlier.responseStatus === null
    ? { answered: false, state: earlier.state }
    : { answered: true, answer: { status: earlier.responseStatus, body: earlier.responseBody } };
}

const keyOf = (request: IdempotentRequest) =>
  and(eq(idempotencyKeys.owner, request.owner), eq(idempotencyKeys.key, request.key));

/** Keep what a retry needs to finish the work (a registration's numbered case). */
export async function rememberState(
  db: Database | Transaction,
  request: IdempotentRequest,
  state: unknown,
): Promise<void> {
  await db.update(idempotencyKeys).set({ state }).where(keyOf(request));
}

/** Keep the answer, for retries to replay. */
export async function rememberAnswer(db: Database, request: IdempotentRequest, answer: StoredAnswer) {
  await db
    .update(idempotencyKeys)
    .set({ responseStatus: answer.status, responseBody: answer.body, answeredAt: new Date() })
    .where(keyOf(request));
}

/** Nothing was done (the request was refused before it changed anything): a retry starts afresh. */
export async function forgetIdempotencyKey(db: Database, request: IdempotentRequest): Promise<void> {
  await db.delete(idempotencyKeys).where(keyOf(request));
}

/**
 * Run a change once per key: a retry with an answered key gets the first answer; an unanswered one
 * (its first request died) runs again under the same Update id, which Temporal deduplicates; a refusal
 * keeps no key, since nothing was changed. Without a key the change simply runs.
 */
export async function answerOnce<T>(
  db: Database,
  idempotency: IdempotentRequest | undefined,
  status: number,
  run: (updateId: string | undefined) => Promise<T>,
): Promise<{ body: T; replayed: boolean }> {
  if (!idempotency) return { body: await run(undefined), replayed: false };
  const earlier = await claimIdempotencyKey(db, idempotency);
  if (earlier?.answered) return { body: earlier.answer.body as T, replayed: true };
  let body: T;
  try {
    body = await run(updateIdOf(idempotency));
  } catch (error) {
    if (error instanceof Refusal && error.status < 500) await forgetIdempotencyKey(db, idempotency);
    throw error;
  }
  await rememberAnswer(db, idempotency, { status, body });
  return { body, replayed: false };
}
