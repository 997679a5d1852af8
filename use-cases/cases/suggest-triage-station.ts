import { eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { triageStationRules, units } from '../../db/schema/index.js';
import type { DisputeCategory } from '../../domain/vocabulary.js';

/** The station the admins' mapping suggests for a dispute category (分流建议), if any. */
export async function suggestTriageStation(
  db: Database,
  category: DisputeCategory | null,
): Promise<{ unitId: string; unitName: string } | null> {
  if (!category) return null;
  const [row] = await db
    .select({ unitId: triageStationRules.unitId, unitName: units.name })
    .from(triageStationRules)
    .innerJoin(units, eq(units.id, triageStationRules.unitId))
    .where(eq(triageStationRules.category, category));
  return row ?? null;
}
