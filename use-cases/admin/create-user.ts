import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { units, users } from '../../db/schema/index.js';
import { normaliseIdNumber } from '../../domain/names.js';
import type { StaffRole } from '../../domain/vocabulary.js';
import { hashPassword } from '../auth/passwords.js';
import { maskIdNumber } from '../cases/masking.js';
import { adminProblems } from './admin-refusals.js';

type UserRow = typeof users.$inferSelect;

/** What the admin API shows of an account: never the password hash, and the ID number masked. */
export function toUserResponse(row: UserRow) {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    unitId: row.unitId,
    idNumber: row.idNumber ? maskIdNumber(row.idNumber) : null,
    active: row.active,
    createdAt: row.createdAt.toISOString(),
  };
}

export async function assertUnitExists(db: Database, unitId: string): Promise<void> {
  const [unit] = await db.select({ id: units.id }).from(units).where(eq(units.id, unitId));
  if (!unit) throw adminProblems.unknownReference('unitId', `unitId: no unit ${unitId}.`);
}

interface CreateUserInput {
  username: string;
  displayName: string;
  role: StaffRole;
  unitId?: string | undefined;
  password: string;
  idNumber?: string | undefined;
}

/** A staff account; the password is stored only as a scrypt hash. */
export async function createUser(db: Database, input: CreateUserInput) {
  if (input.unitId) await assertUnitExists(db, input.unitId);
  else if (input.role !== 'admin') throw adminProblems.unitRequired(input.role);
  const passwordHash = await hashPassword(input.password);
  const [created] = await db
    .insert(users)
    .values({
      username: input.username,
      displayName: input.displayName,
      role: input.role,
      unitId: input.unitId ?? null,
      passwordHash,
      idNumber: input.idNumber ? normaliseIdNumber(input.idNumber) : null,
    })
    .onConflictDoNothing({ target: users.username })
    .returning();
  if (!created) {
    throw adminProblems.alreadyExists('username', `username: ${input.username} is already taken.`);
  }
  return toUserResponse(created);
}
