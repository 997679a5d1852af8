import { createHash } from 'node:crypto';

/**
 * What the log says about a submitted username: the first 12 hex digits of its SHA-256. Enough to follow
 * one account's attempts through the log (and to check a given name against it), never the text itself:
 * a password typed into the username box does not land in the log.
 */
export function usernameFingerprint(username: string): string {
  return createHash('sha256').update(username, 'utf8').digest('hex').slice(0, 12);
}
