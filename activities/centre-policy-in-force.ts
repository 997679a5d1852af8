import type { Database } from '../db/client.js';
import { loadCentrePolicies } from '../db/queries/centre-policy-rows.js';
import { type CentrePolicyKey, selectCentrePolicy } from '../domain/centre-policies.js';
import type { IsoDate } from '../domain/dates.js';

export interface CentrePolicyInForceInput {
  key: CentrePolicyKey;
  onDate: IsoDate;
}

/**
 * Whether a centre policy is on for a day: its era's id when it is, null when it is off or has no era.
 * The answer is recorded in the case's history, so replay never reads the table again.
 */
export async function centrePolicyInForce(
  db: Database,
  input: CentrePolicyInForceInput,
): Promise<{ policyId: string } | null> {
  const policy = selectCentrePolicy(await loadCentrePolicies(db), input.key, input.onDate);
  return policy?.enabled ? { policyId: policy.id } : null;
}
