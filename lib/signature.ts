import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * How feisutong signs what it sends (documented for courts' IT departments):
 *   X-Feisutong-Delivery:  the delivery id; the same on every retry, so the receiver can deduplicate
 *   X-Feisutong-Timestamp: Unix seconds when this attempt was signed
 *   X-Feisutong-Signature: v1=<hex HMAC-SHA256 of "<timestamp>.<raw body>" under the shared secret>
 * A receiver recomputes the HMAC, compares in constant time and refuses old timestamps (replays).
 */
export function signBody(secret: string, timestamp: number, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export function verifySignature(
  secret: string,
  timestamp: number,
  body: string,
  signature: string,
  options: { nowSeconds?: number; toleranceSeconds?: number } = {},
): boolean {
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? 300)) return false;
  const expected = Buffer.from(signBody(secret, timestamp, body));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Each institution's callback secret, derived from the centre's key: nothing secret is stored per row. */
export function institutionCallbackSecret(signingKey: string, institutionId: string): string {
  return createHmac('sha256', signingKey).update(`institution-callback:${institutionId}`).digest('base64url');
}
