import { randomBytes } from 'node:crypto';
import { count, eq } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { apiKeys, institutions, triageStationRules, units, users } from '../db/schema/index.js';
import { disputeCategories } from '../domain/vocabulary.js';
import { generateApiKey } from '../use-cases/auth/api-keys.js';
import { hashPassword } from '../use-cases/auth/passwords.js';

export interface CreatedCredential {
  what: string;
  username?: string;
  secret: string;
}

export function randomPassword(): string {
  return randomBytes(12).toString('base64url');
}

/**
 * Create the first admin from the environment if that account does not exist yet. `beforeCreate`
 * runs first (it keeps the password where the operator finds it); a failure there creates nothing.
 */
export async function ensureAdmin(
  db: Database,
  username: string,
  password: string,
  beforeCreate: () => Promise<void> = async () => {},
): Promise<boolean> {
  const [existing] = await db
    .select({ id: users.id })
    .from(users)
    .where(eq(users.username, username))
    .limit(1);
  if (existing) return false;
  await beforeCreate();
  await db.insert(users).values({
    username,
    displayName: '系统管理员',
    role: 'admin',
    unitId: null,
    passwordHash: await hashPassword(password),
  });
  return true;
}

/**
 * A demo centre for a newcomer's first start: the centre, two stations, one user per role and one
 * court with an API key. Passwords and the key are random and shown once; nothing is in the repo.
 */
export async function seedDemoCentre(
  db: Database,
  /** Runs with the credentials before the seed commits (it keeps them); a failure there seeds nothing. */
  beforeCommit: (created: CreatedCredential[]) => Promise<void> = async () => {},
): Promise<CreatedCredential[]> {
  const [{ value: unitCount } = { value: 0 }] = await db.select({ value: count() }).from(units);
  if (unitCount > 0) return [];
  const created: CreatedCredential[] = [];
  await db.transaction(async (tx) => {
    const [centre] = await tx
      .insert(units)
      .values({ code: 'HLBE-CENTRE', name: '呼伦贝尔市非诉纠纷调处中心', kind: 'centre' })
      .returning();
    const [family, traffic] = await tx
      .insert(units)
      .values([
        { code: 'HLBE-ST-FAMILY', name: '婚姻家庭纠纷调解站', kind: 'station', parentId: centre!.id },
        { code: 'HLBE-ST-TRAFFIC', name: '道路交通事故纠纷调解站', kind: 'station', parentId: centre!.id },
      ])
      .returning();
    // Triage suggests the industry station for its own kind of dispute, the centre for the rest.
    await tx.insert(triageStationRules).values(
      disputeCategories.map((category) => ({
        category,
        unitId:
          category === 'family' ? family!.id : category === 'traffic_accident' ? traffic!.id : centre!.id,
      })),
    );
    const people = [
      { username: 'clerk', displayName: '窗口受理员', role: 'clerk' as const },
      { username: 'mediator', displayName: '调解员', role: 'mediator' as const },
      { username: 'supervisor', displayName: '中心负责人', role: 'supervisor' as const },
    ];
    for (const person of people) {
      const password = randomPassword();
      await tx
        .insert(users)
        .values({ ...person, unitId: centre!.id, passwordHash: await hashPassword(password) });
      created.push({ what: person.displayName, username: person.username, secret: password });
    }
    const [court] = await tx
      .insert(institutions)
      .values({ code: 'HLBE-HLE-COURT', name: '海拉尔区人民法院', kind: 'court' })
      .returning();
    const key = generateApiKey();
    await tx.insert(apiKeys).values({
      institutionId: court!.id,
      keyId: key.keyId,
      secretHash: key.secretHash,
      label: 'demo',
    });
    created.push({ what: `${court!.name} API key`, secret: key.key });
    await beforeCommit(created);
  });
  return created;
}
