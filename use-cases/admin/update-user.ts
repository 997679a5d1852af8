import { and, asc, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { users } from '../../db/schema/index.js';
import { normaliseIdNumber } from '../../domain/names.js';
import { Refusal } from '../../domain/refusals.js';
import type { StaffRole } from '../../domain/vocabulary.js';
import { hashPassword } from '../auth/passwords.js';
import { adminProblems } from './admin-refusals.js';
import { assertUnitExists, toUserResponse } from './create-user.js';

interface UpdateUserInput {
  displayName?: string | undefined;
  role?: StaffRole | undefined;
  unitId?: string | null | undefined;
  active?: boolean | undefined;
  password?: string | undefined;
  idNumber?: string | null | undefined;
}

const lastAdmin = (field: 'role' | 'active') =>
  new Refusal('last_admin', {
    detail: 'Make another account an active admin first.',
    errors: [{ field, reason: 'would leave no active admin' }],
  });

/**
 * Change an account. Role and active flag take effect on the next request (authentication reads the
 * account as it is now). A password reset or disabling the account raises its token version, so tokens
 * issued before are refused even after it is enabled again. The last active admin cannot be demoted or
 * disabled.
 */
export async function updateUser(db: Database, userId: string, input: UpdateUserInput) {
  if (input.unitId) await assertUnitExists(db, input.unitId);
  // Hashing is slow and memory-hard: do it before taking any lock.
  const passwordHash = input.password === undefined ? undefined : await hashPassword(input.password);

  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
    if (!current) throw new Refusal('not_found', { detail: `No user ${userId}.` });

    const role = input.role ?? current.role;
    const unitId = input.unitId === undefined ? current.unitId : input.unitId;
    const active = input.active ?? current.active;
    if (role !== 'admin' && unitId === null) throw adminProblems.unitRequired(role);

    const losesAdmin = current.role === 'admin' && current.active && (role !== 'admin' || !active);
    if (losesAdmin) {
      // Lock every active admin in one order, so two admins demoting each other cannot both succeed.
      const admins = await tx
        .select({ id: users.id })
        .from(users)
        .where(and(eq(users.role, 'admin'), eq(users.active, true)))
        .orderBy(asc(users.id))
        .for('update');
      if (admins.every((admin) => admin.id === userId)) throw lastAdmin(role !== 'admin' ? 'role' : 'active');
    }

    const revokesTokens = passwordHash !== undefined || (current.active && !active);
    const [updated] = await tx
      .update(users)
      .set({
        ...(revokesTokens ? { tokenVersion: current.tokenVersion + 1 } : {}),
        ...(input.displayName === undefined ? {} : { displayName: input.displayName }),
        role,
        unitId,
        active,
        ...(passwordHash === undefined ? {} : { passwordHash }),
        ...(input.idNumber === undefined
          ? {}
          : { idNumber: input.idNumber === null ? null : normaliseIdNumber(input.idNumber) }),
      })
      .where(eq(users.id, userId))
      .returning();
    return toUserResponse(updated!);
  });
}
