import { describe, expect, it } from 'vitest';
import { isUnavailable } from '../../../use-cases/shared/unavailable.js';

/** How drizzle wraps a driver's failure: the socket error is the cause of a "Failed query" error. */
const failedQuery = (cause: Error) => Object.assign(new Error('Failed query: select 1'), { cause });
const socketError = (code: string) => Object.assign(new Error(`write ${code}`), { code });

describe('a backing service that does not answer', () => {
  it('is recognised through the query error that wraps it, EPIPE included (a query written to a closing socket)', () => {
    for (const code of ['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'CONNECTION_CLOSED', '57P01', '57P03'])
      expect(isUnavailable(failedQuery(socketError(code))), code).toBe(true);
  });

  it('is not a constraint violation, a syntax error or a plain bug', () => {
    for (const code of ['23505', '42601', 'ERR_INVALID_ARG_TYPE'])
      expect(isUnavailable(failedQuery(socketError(code))), code).toBe(false);
    expect(isUnavailable(new TypeError('x is undefined'))).toBe(false);
  });
});
