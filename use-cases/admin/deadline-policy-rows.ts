import type { deadlinePolicies } from '../../db/schema/index.js';
import type { DeadlinePolicy } from '../../domain/deadline-policy.js';
import { Refusal } from '../../domain/refusals.js';

type PolicyRow = typeof deadlinePolicies.$inferSelect;

/** The domain policy a row holds, with the row's own dates (the columns and the definition agree). */
export function policyOf(row: PolicyRow): DeadlinePolicy {
  const definition = row.definition as DeadlinePolicy;
  return { ...definition, id: row.id, effectiveFrom: row.effectiveFrom, effectiveTo: row.effectiveTo };
}

export function toPolicyResponse(row: PolicyRow) {
  const policy = policyOf(row);
  return {
    id: policy.id,
    key: policy.key,
    effectiveFrom: policy.effectiveFrom,
    effectiveTo: policy.effectiveTo ?? null,
    startEvent: policy.startEvent,
    direction: policy.direction,
    period: policy.period,
    reminders: policy.reminders,
    extension: policy.extension ?? null,
    rule: policy.rule,
    ruleZh: policy.ruleZh,
    source: policy.source,
    updatedBy: row.updatedBy,
    updatedAt: row.updatedAt.toISOString(),
  };
}

/** Which request field a `policyProblems` message is about (the domain names it in words). */
const fieldsByMessageStart: [string, string][] = [
  ['effectiveFrom', 'effectiveFrom'],
  ['effectiveTo', 'effectiveTo'],
  ['unknown period unit', 'period.unit'],
  ['period length', 'period.length'],
  ['reminder daysBefore', 'reminders.daysBefore'],
  ['reminder fractions', 'reminders.fractions'],
  ['extension maxDays', 'extension.maxDays'],
  ["a 'before'", 'direction'],
  ['startEvent', 'startEvent'],
  ['direction', 'direction'],
];

export function invalidPolicy(reasons: string[]): Refusal {
  const errors = reasons.map((reason) => ({
    field: fieldsByMessageStart.find(([start]) => reason.startsWith(start))?.[1] ?? 'body',
    reason,
  }));
  return new Refusal('invalid_policy', { detail: reasons.join('; '), errors, problems: reasons });
}

/**
 * Rules that tie a new era to the earlier eras of its key: the workflow starts a key's clock at one
 * event and counts in one direction, whatever the era.
 */
export function consistencyProblems(policy: DeadlinePolicy, sameKey: readonly DeadlinePolicy[]): string[] {
  const reference = sameKey.find((other) => other.id !== policy.id);
  if (!reference) return [];
  const problems: string[] = [];
  if (reference.startEvent !== policy.startEvent) {
    problems.push(`startEvent must be '${reference.startEvent}', as in ${reference.id}`);
  }
  if (reference.direction !== policy.direction) {
    problems.push(`direction must be '${reference.direction}', as in ${reference.id}`);
  }
  return problems;
}
