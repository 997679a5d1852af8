import { assertIsoDate, type IsoDate } from './dates.js';

/**
 * The centre's own rules that are switches rather than periods (中心工作制度, not law): data with
 * effective dates like the deadline policies, so a case keeps the rule in force when it started and an
 * admin turns a rule off (or on again) by adding a new era, never by editing the old one.
 */
export const centrePolicyKeys = [
  /** 研: a complex (复杂) case holds a case conference before its settlement, unless a supervisor waives it. */
  'conference.before_settlement',
] as const;
export type CentrePolicyKey = (typeof centrePolicyKeys)[number];

export interface CentrePolicy {
  /** Stable row id: `${key}@${effectiveFrom}`. */
  id: string;
  key: CentrePolicyKey;
  effectiveFrom: IsoDate;
  effectiveTo?: IsoDate | null;
  enabled: boolean;
  rule: string;
  ruleZh: string;
  /** Always 'centre policy (not law)' for these rows: the centre may change them at will. */
  source: string;
}

export const centrePolicySource = 'centre policy (not law)';

/** The seed rows (the migration inserts them). */
export const defaultCentrePolicies: readonly CentrePolicy[] = [
  {
    id: 'conference.before_settlement@2020-01-01',
    key: 'conference.before_settlement',
    effectiveFrom: '2020-01-01',
    enabled: true,
    rule: 'A complex case is studied at a case conference (研) before a settlement is recorded, unless a supervisor waives it.',
    ruleZh: '复杂纠纷须召开案件研判会（“研”）后方可登记调解成功；经中心负责人批准可免于研判。',
    source: centrePolicySource,
  },
];

function inForce(policy: CentrePolicy, onDate: IsoDate): boolean {
  return policy.effectiveFrom <= onDate && (policy.effectiveTo == null || onDate <= policy.effectiveTo);
}

/** The era of `key` in force on `onDate` (the latest start not after it), or undefined when none is. */
export function selectCentrePolicy(
  policies: readonly CentrePolicy[],
  key: CentrePolicyKey,
  onDate: IsoDate,
): CentrePolicy | undefined {
  assertIsoDate(onDate, 'policy date');
  return policies
    .filter((policy) => policy.key === key && inForce(policy, onDate))
    .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? 1 : a.effectiveFrom > b.effectiveFrom ? -1 : 0))[0];
}
