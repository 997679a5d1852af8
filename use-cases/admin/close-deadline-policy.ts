import { asc, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { deadlinePolicies } from '../../db/schema/index.js';
import { addDays, type IsoDate } from '../../domain/dates.js';
import { type DeadlinePolicy, policyProblems } from '../../domain/deadline-policy.js';
import { Refusal } from '../../domain/refusals.js';
import { invalidPolicy, policyOf, toPolicyResponse } from './deadline-policy-rows.js';

function inForce(policy: DeadlinePolicy, date: IsoDate): boolean {
  return policy.effectiveFrom <= date && (policy.effectiveTo == null || date <= policy.effectiveTo);
}

/**
 * The first day that the change would leave without any era of the key in force, if any. Coverage can
 * only be lost between the new and the old last day, and only where an era ends.
 */
function firstUncoveredDay(
  before: DeadlinePolicy,
  after: DeadlinePolicy,
  sameKey: readonly DeadlinePolicy[],
): IsoDate | undefined {
  const newTo = after.effectiveTo;
  const oldTo = before.effectiveTo;
  if (newTo == null || (oldTo != null && newTo >= oldTo)) return undefined;
  const eras = sameKey.map((era) => (era.id === after.id ? after : era));
  const candidates = [newTo, ...eras.flatMap((era) => (era.effectiveTo == null ? [] : [era.effectiveTo]))]
    .map((lastDay) => addDays(lastDay, 1))
    .filter((day) => day > newTo && (oldTo == null || day <= oldTo))
    .sort();
  return candidates.find((day) => !eras.some((era) => inForce(era, day)));
}

/**
 * Set (or clear) the last day of an era. This is the only edit an existing row gets: the rest of a
 * policy changes by adding a new era.
 */
export async function closeDeadlinePolicy(
  db: Database,
  id: string,
  effectiveTo: IsoDate | null,
  actorId: string,
) {
  return db.transaction(async (tx) => {
    const [target] = await tx.select().from(deadlinePolicies).where(eq(deadlinePolicies.id, id));
    if (!target) throw new Refusal('not_found', { detail: `No deadline policy ${id}.` });
    // Lock the key's eras so that two closes cannot together open a gap.
    const sameKey = (
      await tx
        .select()
        .from(deadlinePolicies)
        .where(eq(deadlinePolicies.key, target.key))
        .orderBy(asc(deadlinePolicies.id))
        .for('update')
    ).map(policyOf);
    const before = sameKey.find((era) => era.id === id)!;
    const { effectiveTo: _old, ...rest } = before;
    const after: DeadlinePolicy = { ...rest, ...(effectiveTo === null ? {} : { effectiveTo }) };

    const reasons = policyProblems(after);
    if (reasons.length > 0) throw invalidPolicy(reasons);
    const gap = firstUncoveredDay(before, after, sameKey);
    if (gap) {
      throw new Refusal('policy_gap', {
        detail: `effectiveTo: from ${gap} no era of '${before.key}' would be in force; add the next era first.`,
        errors: [{ field: 'effectiveTo', reason: `leaves ${gap} without a policy` }],
      });
    }
    const [updated] = await tx
      .update(deadlinePolicies)
      .set({ effectiveTo, definition: after, updatedBy: actorId, updatedAt: new Date() })
      .where(eq(deadlinePolicies.id, id))
      .returning();
    return toPolicyResponse(updated!);
  });
}
