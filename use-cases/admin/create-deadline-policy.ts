import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { deadlinePolicies } from '../../db/schema/index.js';
import { type DeadlinePolicy, policyProblems } from '../../domain/deadline-policy.js';
import { adminProblems } from './admin-refusals.js';
import { consistencyProblems, invalidPolicy, policyOf, toPolicyResponse } from './deadline-policy-rows.js';

type NewDeadlinePolicy = Omit<DeadlinePolicy, 'id'>;

/**
 * A new era of a policy: a new row `${key}@${effectiveFrom}`, never an edit of the old one, so cases
 * keep the policy in force when their period started. `selectPolicy` picks the latest era in force; two
 * eras of one key starting the same day would make it ambiguous and are refused.
 */
export async function createDeadlinePolicy(db: Database, input: NewDeadlinePolicy, actorId: string) {
  const { extension, effectiveTo, ...rest } = input;
  const policy: DeadlinePolicy = {
    ...rest,
    id: `${input.key}@${input.effectiveFrom}`,
    ...(effectiveTo == null ? {} : { effectiveTo }),
    ...(extension == null ? {} : { extension }),
  };
  const sameKey = (await db.select().from(deadlinePolicies).where(eq(deadlinePolicies.key, input.key))).map(
    policyOf,
  );
  const reasons = [...policyProblems(policy), ...consistencyProblems(policy, sameKey)];
  if (reasons.length > 0) throw invalidPolicy(reasons);

  const sameDay = sameKey.find((other) => other.effectiveFrom === policy.effectiveFrom);
  const conflict = () =>
    adminProblems.alreadyExists(
      'effectiveFrom',
      `effectiveFrom: ${sameDay?.id ?? policy.id} already starts on ${policy.effectiveFrom}; close it or pick another day.`,
    );
  if (sameDay) throw conflict();
  const [created] = await db
    .insert(deadlinePolicies)
    .values({
      id: policy.id,
      key: policy.key,
      effectiveFrom: policy.effectiveFrom,
      effectiveTo: policy.effectiveTo ?? null,
      definition: policy,
      updatedBy: actorId,
    })
    .onConflictDoNothing({ target: deadlinePolicies.id })
    .returning();
  if (!created) throw conflict();
  return toPolicyResponse(created);
}
