import { asc } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { centrePolicyOf } from '../../db/queries/centre-policy-rows.js';
import { centrePolicies } from '../../db/schema/index.js';
import {
  type CentrePolicy,
  type CentrePolicyKey,
  centrePolicySource,
  defaultCentrePolicies,
} from '../../domain/centre-policies.js';
import { adminProblems } from './admin-refusals.js';

/** Every era of every centre policy (中心工作制度), by key, then by first day. */
export async function listCentrePolicies(db: Database): Promise<CentrePolicy[]> {
  const rows = await db
    .select()
    .from(centrePolicies)
    .orderBy(asc(centrePolicies.key), asc(centrePolicies.effectiveFrom));
  return rows.map(centrePolicyOf);
}

export interface NewCentrePolicyEra {
  key: CentrePolicyKey;
  effectiveFrom: string;
  enabled: boolean;
  ruleZh?: string | undefined;
}

/**
 * Turn a centre policy on or off from a day: a new era `${key}@${effectiveFrom}`, never an edit of an
 * old one, so what cases already took from the old era stays as it was. Marked as the centre's own
 * rule, not law.
 */
export async function createCentrePolicyEra(
  db: Database,
  input: NewCentrePolicyEra,
  actorId: string,
): Promise<CentrePolicy> {
  const seed = defaultCentrePolicies.find((policy) => policy.key === input.key)!;
  const id = `${input.key}@${input.effectiveFrom}`;
  const [created] = await db
    .insert(centrePolicies)
    .values({
      id,
      key: input.key,
      effectiveFrom: input.effectiveFrom,
      enabled: input.enabled,
      rule: seed.rule,
      ruleZh: input.ruleZh ?? seed.ruleZh,
      source: centrePolicySource,
      updatedBy: actorId,
    })
    .onConflictDoNothing({ target: centrePolicies.id })
    .returning();
  if (!created) {
    throw adminProblems.alreadyExists(
      'effectiveFrom',
      `effectiveFrom: ${id} already starts on ${input.effectiveFrom}; pick another day.`,
    );
  }
  return centrePolicyOf(created);
}
