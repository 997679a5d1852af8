import type { Logger } from 'pino';

/** What every request carries, for the API and the pages alike (set by requestContext). */
export interface HttpVariables {
  requestId: string;
  /** The request's child logger: every line carries the request id. */
  logger: Logger;
  /** The client's address: the socket's peer, or whom a trusted reverse proxy forwarded for. */
  clientAddress: string;
}
