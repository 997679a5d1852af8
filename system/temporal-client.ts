import { Connection, defaultGrpcRetryOptions, makeGrpcRetryInterceptor } from '@temporalio/client';

/** grpc-js's words for "the server could not be reached at all" (refused, down, no route). */
const unreachable = /No connection established/;

/**
 * The API's connection to Temporal. The SDK retries an UNAVAILABLE call ten times over about twenty
 * seconds; for a server that cannot be reached at all, that held every request for twenty seconds
 * before its 503. Here such calls get five tries (about two seconds), so the API answers 503 with
 * Retry-After promptly; every other retryable error keeps the SDK's retries (an Update the server
 * aborted because a worker died is sent again transparently). Reconnection backoff is capped at 2 s
 * (grpc-js grows it to 2 minutes), so the API is back within the retries of one request once the
 * server is, however long it was away.
 */
export function connectTemporalForApi(address: string): Promise<Connection> {
  const defaults = defaultGrpcRetryOptions();
  return Connection.connect({
    address,
    channelArgs: { 'grpc.initial_reconnect_backoff_ms': 500, 'grpc.max_reconnect_backoff_ms': 2_000 },
    interceptors: [
      makeGrpcRetryInterceptor({
        delayFunction: defaults.delayFunction,
        retryableDecider: (attempt, status) =>
          defaults.retryableDecider(attempt, status) && !(attempt >= 5 && unreachable.test(status.details)),
      }),
    ],
  });
}
