import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { staffRoles } from '../../domain/vocabulary.js';

/**
 * Staff bearer tokens: compact JWTs signed with HMAC-SHA256 (HS256) under AUTH_TOKEN_SECRET, with an
 * issuer, an audience and an expiry. Only our own API issues and reads them.
 *
 * `ver` is the account's token version when the token was issued; a password reset or disabling the
 * account raises it, and a token carrying an older one is refused (api/auth/authenticate.ts).
 */
const tokenIssuer = 'feisutong';
const staffAudience = 'feisutong-staff';

const claimsSchema = z.object({
  iss: z.literal(tokenIssuer),
  aud: z.string(),
  sub: z.string().uuid(),
  role: z.enum(staffRoles),
  unit: z.string().uuid().nullable(),
  iat: z.number().int(),
  exp: z.number().int(),
  // Tokens issued before versions existed belong to accounts at version 0 or are stale.
  ver: z.number().int().nonnegative().default(0),
});

type StaffClaims = z.infer<typeof claimsSchema>;

type TokenFailure = 'malformed' | 'bad_signature' | 'expired' | 'wrong_audience' | 'wrong_issuer';

export class TokenError extends Error {
  constructor(readonly reason: TokenFailure) {
    super(`token ${reason.replace('_', ' ')}`);
  }
}

const header = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

/** An HMAC-SHA256 in unpadded base64url: 43 characters of the alphabet, nothing else. */
const canonicalSignature = /^[A-Za-z0-9_-]{43}$/;

function sign(content: string, secret: string): Buffer {
  return createHmac('sha256', secret).update(content).digest();
}

interface IssueTokenInput {
  userId: string;
  role: StaffClaims['role'];
  unitId: string | null;
  /** The account's `token_version` (0 for an account whose password was never reset). */
  tokenVersion?: number;
  secret: string;
  ttlSeconds: number;
  now?: Date;
  audience?: string;
}

export function issueToken(input: IssueTokenInput): { token: string; expiresAt: Date } {
  const issuedAt = Math.floor((input.now ?? new Date()).getTime() / 1000);
  const claims: StaffClaims = {
    iss: tokenIssuer,
    aud: input.audience ?? staffAudience,
    sub: input.userId,
    role: input.role,
    unit: input.unitId,
    iat: issuedAt,
    exp: issuedAt + input.ttlSeconds,
    ver: input.tokenVersion ?? 0,
  };
  const body = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
  return {
    token: `${body}.${sign(body, input.secret).toString('base64url')}`,
    expiresAt: new Date(claims.exp * 1000),
  };
}

export function verifyToken(
  token: string,
  secret: string,
  options: { now?: Date; audience?: string } = {},
): StaffClaims {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== header) throw new TokenError('malformed');
  const [, payload, signature] = parts as [string, string, string];
  // Only the one spelling we issue: Node's decoder forgives padding, stray characters and the unused
  // low bits of the last character, so several strings would decode to the same signature.
  if (!canonicalSignature.test(signature)) throw new TokenError('bad_signature');
  const given = Buffer.from(signature, 'base64url');
  if (given.toString('base64url') !== signature) throw new TokenError('bad_signature');
  const expected = sign(`${header}.${payload}`, secret);
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    throw new TokenError('bad_signature');
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw new TokenError('malformed');
  }
  const parsed = claimsSchema.safeParse(decoded);
  if (!parsed.success) throw new TokenError('malformed');
  const claims = parsed.data;
  if (claims.aud !== (options.audience ?? staffAudience)) throw new TokenError('wrong_audience');
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (claims.exp <= now) throw new TokenError('expired');
  return claims;
}
