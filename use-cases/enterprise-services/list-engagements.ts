import { and, desc, eq, inArray, lt, or, type SQL } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { engagementFindings, enterpriseEngagements, enterprises } from '../../db/schema/index.js';
import type { EngagementStage } from '../../domain/enterprise-services-vocabulary.js';
import { decodeCursor, encodeCursor } from '../shared/cursor.js';
import { type Engagement, toEngagement } from './engagement-response.js';

export interface EngagementListFilter {
  stage?: EngagementStage | undefined;
  enterpriseId?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

/** Engagements, newest first; the enterprises' contacts are always masked in a list. */
export async function listEngagements(
  db: Database,
  filter: EngagementListFilter,
): Promise<{ items: Engagement[]; nextCursor: string | null }> {
  const conditions: (SQL | undefined)[] = [];
  if (filter.stage) conditions.push(eq(enterpriseEngagements.stage, filter.stage));
  if (filter.enterpriseId) conditions.push(eq(enterpriseEngagements.enterpriseId, filter.enterpriseId));
  if (filter.cursor) {
    const [atText, id] = decodeCursor(filter.cursor, ['instant', 'uuid'] as const);
    const at = new Date(atText);
    conditions.push(
      or(
        lt(enterpriseEngagements.createdAt, at),
        and(eq(enterpriseEngagements.createdAt, at), lt(enterpriseEngagements.id, id)),
      ),
    );
  }
  const rows = await db
    .select({ engagement: enterpriseEngagements, enterprise: enterprises })
    .from(enterpriseEngagements)
    .innerJoin(enterprises, eq(enterprises.id, enterpriseEngagements.enterpriseId))
    .where(and(...conditions))
    .orderBy(desc(enterpriseEngagements.createdAt), desc(enterpriseEngagements.id))
    .limit(filter.limit + 1);
  const page = rows.slice(0, filter.limit);
  const ids = page.map((row) => row.engagement.id);
  const findings =
    ids.length === 0
      ? []
      : await db.select().from(engagementFindings).where(inArray(engagementFindings.engagementId, ids));
  const last = page.at(-1)?.engagement;
  return {
    items: page.map(({ engagement, enterprise }) =>
      toEngagement(
        engagement,
        enterprise,
        findings.filter((finding) => finding.engagementId === engagement.id),
        { masked: true },
      ),
    ),
    nextCursor:
      rows.length > filter.limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null,
  };
}
