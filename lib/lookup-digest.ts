import { createHmac } from 'node:crypto';

/**
 * HMAC-SHA-256 (hex) of a normalised identifier under the look-up key (LOOKUP_HASH_KEY): what the
 * parties' look-up index holds instead of ID and phone numbers. Without the key a digest cannot be
 * turned back into the number by trying every possible ID number, which a plain hash would allow.
 * The kind is part of the message, so an ID number and a phone with the same digits never collide.
 */
export function lookupDigest(key: string, kind: string, value: string): string {
  return createHmac('sha256', key).update(`${kind}\u0000${value}`).digest('hex');
}

/** A digester bound to one key, for code that must not hold the key itself. */
export function lookupDigesterFor(key: string): (kind: string, value: string) => string {
  if (key.length < 32) throw new Error('the look-up key must be at least 32 characters');
  return (kind, value) => lookupDigest(key, kind, value);
}
