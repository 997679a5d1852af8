import { randomBytes } from 'node:crypto';
import type { Database } from '../../db/client.js';
import { apiKeys, institutions, units, users } from '../../db/schema/index.js';
import type { InstitutionKind, StaffRole } from '../../domain/vocabulary.js';
import { generateApiKey } from '../../use-cases/auth/api-keys.js';
import { hashPassword } from '../../use-cases/auth/passwords.js';
import { issueToken } from '../../use-cases/auth/tokens.js';

export const testTokenSecret = 'test-secret-that-is-long-enough-0123456789';

export async function createUnit(db: Database, name = '测试调解中心') {
  const [unit] = await db
    .insert(units)
    .values({ code: `U-${randomBytes(4).toString('hex')}`, name, kind: 'centre' })
    .returning();
  return unit!;
}

export interface TestUser {
  id: string;
  username: string;
  password: string;
  role: StaffRole;
  unitId: string | null;
  token: string;
}

export async function createStaff(db: Database, role: StaffRole, unitId: string | null): Promise<TestUser> {
  const username = `${role}-${randomBytes(4).toString('hex')}`;
  const password = randomBytes(12).toString('base64url');
  const [user] = await db
    .insert(users)
    .values({ username, displayName: username, role, unitId, passwordHash: await hashPassword(password) })
    .returning();
  const { token } = issueToken({ userId: user!.id, role, unitId, secret: testTokenSecret, ttlSeconds: 3600 });
  return { id: user!.id, username, password, role, unitId, token };
}

export async function createInstitution(
  db: Database,
  kind: InstitutionKind,
  name: string,
  callbackUrl: string | null = null,
) {
  const [institution] = await db
    .insert(institutions)
    .values({ code: `I-${randomBytes(4).toString('hex')}`, name, kind, callbackUrl })
    .returning();
  const key = generateApiKey();
  await db
    .insert(apiKeys)
    .values({ institutionId: institution!.id, keyId: key.keyId, secretHash: key.secretHash });
  return { ...institution!, apiKey: key.key };
}
