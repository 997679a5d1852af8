import { eq, inArray } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { triageStationRuleChanges, triageStationRules, units } from '../../db/schema/index.js';
import type { DisputeCategory } from '../../domain/vocabulary.js';
import { adminProblems } from './admin-refusals.js';

export interface TriageStationRule {
  category: DisputeCategory;
  unitId: string;
  unitName: string;
  updatedAt: string;
}

/** The mapping category → station that triage suggests from, in the vocabulary's order of categories. */
export async function listTriageStationRules(db: Database): Promise<TriageStationRule[]> {
  const rows = await db
    .select({
      category: triageStationRules.category,
      unitId: triageStationRules.unitId,
      unitName: units.name,
      updatedAt: triageStationRules.updatedAt,
    })
    .from(triageStationRules)
    .innerJoin(units, eq(units.id, triageStationRules.unitId))
    .orderBy(triageStationRules.category);
  return rows.map((row) => ({
    category: row.category as DisputeCategory,
    unitId: row.unitId,
    unitName: row.unitName,
    updatedAt: row.updatedAt.toISOString(),
  }));
}

/**
 * Replace the whole mapping with `rules` (PUT semantics: the same body twice changes nothing the second
 * time). Each category whose station changed, was added or removed is written to the audit trail with
 * who changed it, in the same transaction.
 */
export async function replaceTriageStationRules(
  db: Database,
  rules: { category: DisputeCategory; unitId: string }[],
  changedBy: string,
): Promise<TriageStationRule[]> {
  const unitIds = [...new Set(rules.map((rule) => rule.unitId))];
  const known = unitIds.length
    ? await db.select({ id: units.id }).from(units).where(inArray(units.id, unitIds))
    : [];
  const unknown = rules.findIndex((rule) => !known.some((unit) => unit.id === rule.unitId));
  if (unknown >= 0)
    throw adminProblems.unknownReference(`rules.${unknown}.unitId`, `rules.${unknown}.unitId: no such unit`);
  await db.transaction(async (tx) => {
    const before = new Map(
      (await tx.select().from(triageStationRules).for('update')).map((row) => [row.category, row.unitId]),
    );
    const after = new Map(rules.map((rule) => [rule.category as string, rule.unitId]));
    const changes = [...new Set([...before.keys(), ...after.keys()])]
      .filter((category) => before.get(category) !== after.get(category))
      .map((category) => ({ category, unitId: after.get(category) ?? null, changedBy }));
    if (changes.length === 0) return;
    await tx.delete(triageStationRules);
    if (after.size)
      await tx
        .insert(triageStationRules)
        .values([...after].map(([category, unitId]) => ({ category, unitId, updatedBy: changedBy })));
    await tx.insert(triageStationRuleChanges).values(changes);
  });
  return listTriageStationRules(db);
}
