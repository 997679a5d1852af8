import { randomBytes } from 'node:crypto';
import type { Logger } from 'pino';

/**
 * The token signing secret comes from the environment. Only the single-process embedded start may
 * fall back to a random one (tokens then end with the process); API copies must share a secret.
 */
export function tokenSecretFor(given: string | undefined, logger: Logger, allowRandom: boolean): string {
  if (given) return given;
  if (!allowRandom) throw new Error('AUTH_TOKEN_SECRET must be set (at least 32 characters).');
  logger.warn('AUTH_TOKEN_SECRET is not set: using a random one; tokens end with this process');
  return randomBytes(32).toString('base64url');
}
