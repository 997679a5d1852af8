import { asc, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { mediatorRelations, users } from '../../db/schema/index.js';
import { normaliseIdNumber, normaliseName } from '../../domain/names.js';
import { Refusal } from '../../domain/refusals.js';
import { maskIdNumber } from '../cases/masking.js';

type RelationRow = typeof mediatorRelations.$inferSelect;

interface DeclareRelationInput {
  name: string;
  idNumber?: string | undefined;
  relation: string;
}

/** The person themself sees their declarations in full; an admin sees the ID numbers masked. */
export function toRelationResponse(row: RelationRow, options: { maskIdNumber: boolean }) {
  return {
    id: row.id,
    userId: row.userId,
    name: row.name,
    idNumber: row.idNumber && options.maskIdNumber ? maskIdNumber(row.idNumber) : row.idNumber,
    relation: row.relation,
    declaredAt: row.declaredAt.toISOString(),
  };
}

async function assertUserExists(db: Database, userId: string): Promise<void> {
  const [user] = await db.select({ id: users.id }).from(users).where(eq(users.id, userId));
  if (!user) throw new Refusal('not_found', { detail: `No user ${userId}.` });
}

/**
 * A person the staff member is related to (回避申报), stored normalised the way parties are, so that
 * assignment finds the conflict whatever spacing or case the name or ID number was typed in.
 */
export async function declareRelation(db: Database, userId: string, input: DeclareRelationInput) {
  await assertUserExists(db, userId);
  const [created] = await db
    .insert(mediatorRelations)
    .values({
      userId,
      name: input.name,
      nameNormalised: normaliseName(input.name),
      idNumber: input.idNumber ? normaliseIdNumber(input.idNumber) : null,
      relation: input.relation,
    })
    .returning();
  return created!;
}

export async function listRelations(db: Database, userId: string): Promise<RelationRow[]> {
  await assertUserExists(db, userId);
  return db
    .select()
    .from(mediatorRelations)
    .where(eq(mediatorRelations.userId, userId))
    .orderBy(asc(mediatorRelations.declaredAt), asc(mediatorRelations.id));
}
