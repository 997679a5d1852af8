import { and, asc, eq, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { users } from '../../db/schema/index.js';
import type { StaffRole } from '../../domain/vocabulary.js';
import { toUserResponse } from './create-user.js';

export async function listUsers(
  db: Database,
  filter: {
    role?: StaffRole | undefined;
    unitId?: string | undefined;
    active?: 'true' | 'false' | undefined;
  },
) {
  const conditions: SQL[] = [];
  if (filter.role) conditions.push(eq(users.role, filter.role));
  if (filter.unitId) conditions.push(eq(users.unitId, filter.unitId));
  if (filter.active) conditions.push(eq(users.active, filter.active === 'true'));
  const rows = await db
    .select()
    .from(users)
    .where(and(...conditions))
    .orderBy(asc(users.username));
  return rows.map(toUserResponse);
}
