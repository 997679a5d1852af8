import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Institution API keys look like `fst_<keyId>_<secret>`. The key id finds the row; only a SHA-256 of
 * the 256-bit random secret is stored (a fast hash is right here: the secret is not a password).
 */
const keyPattern = /^fst_([a-z0-9]{12})_([A-Za-z0-9_-]{43})$/;

interface GeneratedApiKey {
  key: string;
  keyId: string;
  secretHash: string;
}

function hashApiKeySecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

export function generateApiKey(): GeneratedApiKey {
  const keyId = randomBytes(9)
    .toString('base64url')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '0')
    .slice(0, 12);
  const secret = randomBytes(32).toString('base64url');
  return { key: `fst_${keyId}_${secret}`, keyId, secretHash: hashApiKeySecret(secret) };
}

export function parseApiKey(key: string): { keyId: string; secret: string } | undefined {
  const match = keyPattern.exec(key);
  return match ? { keyId: match[1]!, secret: match[2]! } : undefined;
}

export function apiKeyMatches(secret: string, storedHash: string): boolean {
  const actual = Buffer.from(hashApiKeySecret(secret), 'hex');
  const expected = Buffer.from(storedHash, 'hex');
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export function looksLikeApiKey(credential: string): boolean {
  return credential.startsWith('fst_');
}
