import type { CentrePolicy, CentrePolicyKey } from '../../domain/centre-policies.js';
import type { Database } from '../client.js';
import { centrePolicies } from '../schema/index.js';

type Row = typeof centrePolicies.$inferSelect;

export function centrePolicyOf(row: Row): CentrePolicy {
  return {
    id: row.id,
    key: row.key as CentrePolicyKey,
    effectiveFrom: row.effectiveFrom,
    effectiveTo: row.effectiveTo,
    enabled: row.enabled,
    rule: row.rule,
    ruleZh: row.ruleZh,
    source: row.source,
  };
}

/** Every era of every centre policy, as the domain reads them. */
export async function loadCentrePolicies(db: Database): Promise<CentrePolicy[]> {
  return (await db.select().from(centrePolicies)).map(centrePolicyOf);
}
