import { describe, expect, it } from 'vitest';
import { apiKeyMatches, generateApiKey, parseApiKey } from '../../../use-cases/auth/api-keys.js';
import { hashPassword, verifyPassword } from '../../../use-cases/auth/passwords.js';
import { issueToken, TokenError, verifyToken } from '../../../use-cases/auth/tokens.js';

const secret = 'unit-test-secret-unit-test-secret-0123';
const userId = '7b0c1c1e-6f43-4d0e-9f1b-3e0f6a4f2a10';

describe('staff passwords', () => {
  it('hashes with scrypt and a random salt, and verifies only the right password', async () => {
    const first = await hashPassword('正确的密码 correct horse');
    const second = await hashPassword('正确的密码 correct horse');
    expect(first).toMatch(/^scrypt\$32768\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(first).not.toBe(second);
    expect(await verifyPassword('正确的密码 correct horse', first)).toBe(true);
    expect(await verifyPassword('正确的密码 correct hors', first)).toBe(false);
    expect(await verifyPassword('anything', 'plain-text-is-not-a-hash')).toBe(false);
  });
});

describe('staff bearer tokens', () => {
  const now = new Date('2026-03-01T08:00:00Z');
  const issued = issueToken({ userId, role: 'mediator', unitId: null, secret, ttlSeconds: 600, now });

  it('verifies a fresh token and returns its claims', () => {
    const claims = verifyToken(issued.token, secret, { now });
    expect(claims).toMatchObject({ sub: userId, role: 'mediator', unit: null, aud: 'feisutong-staff' });
    expect(issued.expiresAt.toISOString()).toBe('2026-03-01T08:10:00.000Z');
  });

  const failures: [string, () => unknown, string][] = [
    [
      'expired',
      () => verifyToken(issued.token, secret, { now: new Date('2026-03-01T08:10:00Z') }),
      'expired',
    ],
    ['signed with another secret', () => verifyToken(issued.token, `${secret}x`, { now }), 'bad_signature'],
    [
      'with a tampered payload',
      () => {
        const [h, p, s] = issued.token.split('.') as [string, string, string];
        const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
        const forged = Buffer.from(JSON.stringify({ ...claims, role: 'admin' })).toString('base64url');
        return verifyToken(`${h}.${forged}.${s}`, secret, { now });
      },
      'bad_signature',
    ],
    [
      'for another audience',
      () =>
        verifyToken(
          issueToken({ userId, role: 'clerk', unitId: null, secret, ttlSeconds: 600, now, audience: 'other' })
            .token,
          secret,
          { now },
        ),
      'wrong_audience',
    ],
    ['that is not a JWT', () => verifyToken('abc.def', secret, { now }), 'malformed'],
  ];
  it.each(failures)('refuses a token %s', (_name, attempt, reason) => {
    expect(attempt).toThrow(TokenError);
    try {
      attempt();
    } catch (error) {
      expect((error as TokenError).reason).toBe(reason);
    }
  });
});

describe('staff token signatures: one spelling only', () => {
  const now = new Date('2026-03-01T08:00:00Z');
  const { token } = issueToken({ userId, role: 'clerk', unitId: null, secret, ttlSeconds: 600, now });
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

  it('refuses every other last character, even those that decode to the same bytes', () => {
    const last = token.at(-1)!;
    const sameBytes = [...alphabet].filter(
      (char) =>
        char !== last &&
        Buffer.from(`${token.split('.')[2]!.slice(0, -1)}${char}`, 'base64url').equals(
          Buffer.from(token.split('.')[2]!, 'base64url'),
        ),
    );
    // 32 bytes in 43 characters leave the last one's two low bits unused: three other spellings.
    expect(sameBytes).toHaveLength(3);
    for (const char of alphabet.replace(last, ''))
      expect(() => verifyToken(`${token.slice(0, -1)}${char}`, secret, { now }), char).toThrow(
        /bad signature/,
      );
  });

  it('refuses padding, whitespace and characters of the other alphabet', () => {
    for (const changed of [
      `${token}=`,
      `${token}==`,
      `${token} `,
      `${token}\n`,
      token.replace(/-/g, '+').replace(/_/g, '/'),
    ])
      if (changed !== token) expect(() => verifyToken(changed, secret, { now })).toThrow(TokenError);
    expect(verifyToken(token, secret, { now }).role).toBe('clerk');
  });
});

describe('institution API keys', () => {
  it('stores only a hash of the secret and matches the key it came from', () => {
    const generated = generateApiKey();
    const parsed = parseApiKey(generated.key);
    expect(parsed?.keyId).toBe(generated.keyId);
    expect(generated.key).not.toContain(generated.secretHash);
    expect(apiKeyMatches(parsed!.secret, generated.secretHash)).toBe(true);
    const changed = parsed!.secret.endsWith('A') ? 'B' : 'A';
    expect(apiKeyMatches(`${parsed!.secret.slice(0, -1)}${changed}`, generated.secretHash)).toBe(false);
    expect(parseApiKey('fst_short_secret')).toBeUndefined();
  });
});
