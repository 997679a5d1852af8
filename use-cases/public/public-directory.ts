import { asc, eq } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { units } from '../../db/schema/index.js';
import type { UnitKind } from '../../domain/vocabulary.js';
import { type DirectoryMediator, listMediatorsWithin } from '../directory/list-directory-mediators.js';

/** A unit a citizen may apply to (调解中心、调解站、调解点): name and kind only. */
export interface PublicUnit {
  id: string;
  name: string;
  kind: UnitKind;
}

/** Every unit, centre first: where an application may go. */
export async function listPublicUnits(db: Database): Promise<PublicUnit[]> {
  const rows = await db
    .select({ id: units.id, name: units.name, kind: units.kind, code: units.code })
    .from(units)
    .orderBy(asc(units.code))
    .limit(1000);
  const rank: Record<UnitKind, number> = { centre: 0, station: 1, point: 2, circuit_team: 3 };
  return rows.map(({ code: _code, ...unit }) => unit).sort((a, b) => rank[a.kind] - rank[b.kind]);
}

/**
 * The 调解超市 as citizens see it: every active mediator with their unit, qualifications, specialties,
 * languages, introduction and figures; no phone, no ID number, no address (the staff directory's rows
 * hold none either).
 */
export async function listPublicMediators(db: Database): Promise<DirectoryMediator[]> {
  return listMediatorsWithin(db, 'all');
}

/** The unit of an active mediator, or undefined when the id is not one. */
export async function unitOfActiveMediator(
  db: Database,
  mediatorId: string,
): Promise<string | null | undefined> {
  const mediators = await listPublicMediators(db);
  const found = mediators.find((mediator) => mediator.id === mediatorId);
  return found ? found.unitId : undefined;
}

export async function unitExists(db: Database, unitId: string): Promise<boolean> {
  const [row] = await db.select({ id: units.id }).from(units).where(eq(units.id, unitId)).limit(1);
  return row !== undefined;
}
