import { sql } from 'drizzle-orm';
import type { Database } from '../client.js';

/**
 * The unit and every unit above it (a point's station and the centre), walking units.parent_id up.
 * A supervisor of any of them supervises the unit (their scope is their unit's subtree).
 */
export async function unitAndAncestors(db: Database, unitId: string): Promise<string[]> {
  const rows = await db.execute<{ id: string }>(sql`
    with recursive chain(id, parent_id) as (
      select id, parent_id from units where id = ${unitId}
      union
      select parent.id, parent.parent_id from units parent join chain on parent.id = chain.parent_id
    )
    select id from chain`);
  return rows.map((row) => row.id);
}
