import { and, asc, eq, ilike, inArray, type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { mediatorProfiles, units, users } from '../../db/schema/index.js';
import type { DisputeCategory, MediationLanguage, MediatorQualification } from '../../domain/vocabulary.js';
import type { Principal } from '../auth/principal.js';
import type { SupervisionScope } from '../supervision/scope.js';
import { directoryScopeOf } from './directory-scope.js';

/** A mediator in the directory (调解超市): their profile and figures computed from their cases. */
export interface DirectoryMediator {
  id: string;
  displayName: string;
  unitId: string | null;
  unitName: string | null;
  qualifications: MediatorQualification[];
  specialties: DisputeCategory[];
  languages: MediationLanguage[];
  introduction: string;
  /** Cases assigned to them being routed or mediated now (分流、化解). */
  openCases: number;
  /** Cases they settled (调解成功). */
  settledCases: number;
  /** Average calendar days from registration to settlement, one decimal; null before the first. */
  averageDaysToSettle: number | null;
  /** Average satisfaction (1–5) from follow-up visits, one decimal; null before the first. */
  averageSatisfaction: number | null;
  followUps: number;
  /** Average of the ratings parties gave on the public channel (1–5, one decimal); null before the first. */
  partyRating: number | null;
  partyRatings: number;
}

export interface DirectoryMediatorFilter {
  /** Only mediators who list this dispute category among their specialties. */
  category?: DisputeCategory | undefined;
  qualification?: MediatorQualification | undefined;
  language?: MediationLanguage | undefined;
  unitId?: string | undefined;
  /** Part of the name. */
  q?: string | undefined;
}

/**
 * Active mediators a staff member may assign to, with what a clerk chooses by: specialties,
 * qualifications, languages, how many open cases they carry now, how they settle. Least loaded first.
 * The figures are one aggregate over the read model (cases by assignee), not stored counters.
 */
export async function listDirectoryMediators(
  db: Database,
  principal: Principal,
  filter: DirectoryMediatorFilter = {},
): Promise<DirectoryMediator[]> {
  return listMediatorsWithin(db, await directoryScopeOf(db, principal), filter);
}

/**
 * The directory within a scope of units: what staff see (listDirectoryMediators) and what the public
 * channel shows every citizen ('all'). Nothing here is personal contact data.
 */
export async function listMediatorsWithin(
  db: Database,
  scope: SupervisionScope,
  filter: DirectoryMediatorFilter = {},
): Promise<DirectoryMediator[]> {
  if (scope !== 'all' && scope.length === 0) return [];
  const conditions: (SQL | undefined)[] = [eq(users.role, 'mediator'), eq(users.active, true)];
  if (scope !== 'all') conditions.push(inArray(users.unitId, [...scope]));
  if (filter.unitId) conditions.push(eq(users.unitId, filter.unitId));
  if (filter.category)
    conditions.push(sql`${mediatorProfiles.specialties} @> array[${filter.category}]::text[]`);
  if (filter.qualification)
    conditions.push(sql`${mediatorProfiles.qualifications} @> array[${filter.qualification}]::text[]`);
  if (filter.language)
    conditions.push(sql`${mediatorProfiles.languages} @> array[${filter.language}]::text[]`);
  if (filter.q)
    conditions.push(ilike(users.displayName, `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
  const figures = db.$with('figures').as(
    db
      .select({
        assigneeId: sql<string>`c.assignee_id`.as('assignee_id'),
        openCases: sql<number>`count(*) filter (where c.stage in ('divert', 'resolve'))::int`.as(
          'open_cases',
        ),
        settledCases: sql<number>`count(*) filter (where c.settled_at is not null)::int`.as('settled_cases'),
        averageDaysToSettle: sql<
          string | null
        >`round(avg(extract(epoch from c.settled_at - c.registered_at) / 86400)::numeric, 1)`.as(
          'average_days',
        ),
        averageSatisfaction: sql<
          string | null
        >`round(avg((c.state -> 'followUp' ->> 'satisfaction')::numeric), 1)`.as('average_satisfaction'),
        followUps: sql<number>`count(c.state -> 'followUp' ->> 'satisfaction')::int`.as('follow_ups'),
      })
      .from(sql`cases c`)
      .where(sql`c.assignee_id is not null`)
      .groupBy(sql`c.assignee_id`),
  );
  const ratings = db.$with('ratings').as(
    db
      .select({
        assigneeId: sql<string>`c.assignee_id`.as('rated_assignee_id'),
        partyRating: sql<string | null>`round(avg(r.score)::numeric, 1)`.as('party_rating'),
        partyRatings: sql<number>`count(*)::int`.as('party_ratings'),
      })
      .from(sql`party_ratings r join cases c on c.case_number = r.case_number`)
      .where(sql`c.assignee_id is not null`)
      .groupBy(sql`c.assignee_id`),
  );
  const rows = await db
    .with(figures, ratings)
    .select({
      id: users.id,
      displayName: users.displayName,
      unitId: users.unitId,
      unitName: units.name,
      qualifications: mediatorProfiles.qualifications,
      specialties: mediatorProfiles.specialties,
      languages: mediatorProfiles.languages,
      introduction: mediatorProfiles.introduction,
      openCases: figures.openCases,
      settledCases: figures.settledCases,
      averageDaysToSettle: figures.averageDaysToSettle,
      averageSatisfaction: figures.averageSatisfaction,
      followUps: figures.followUps,
      partyRating: ratings.partyRating,
      partyRatings: ratings.partyRatings,
    })
    .from(users)
    .leftJoin(units, eq(units.id, users.unitId))
    .leftJoin(mediatorProfiles, eq(mediatorProfiles.userId, users.id))
    .leftJoin(figures, eq(figures.assigneeId, users.id))
    .leftJoin(ratings, eq(ratings.assigneeId, users.id))
    .where(and(...conditions))
    .orderBy(sql`coalesce(${figures.openCases}, 0)`, asc(users.displayName))
    .limit(500);
  return rows.map((row) => ({
    id: row.id,
    displayName: row.displayName,
    unitId: row.unitId,
    unitName: row.unitName,
    qualifications: (row.qualifications ?? []) as MediatorQualification[],
    specialties: (row.specialties ?? []) as DisputeCategory[],
    languages: (row.languages ?? []) as MediationLanguage[],
    introduction: row.introduction ?? '',
    openCases: row.openCases ?? 0,
    settledCases: row.settledCases ?? 0,
    averageDaysToSettle: row.averageDaysToSettle === null ? null : Number(row.averageDaysToSettle),
    averageSatisfaction: row.averageSatisfaction === null ? null : Number(row.averageSatisfaction),
    followUps: row.followUps ?? 0,
    partyRating: row.partyRating === null ? null : Number(row.partyRating),
    partyRatings: row.partyRatings ?? 0,
  }));
}
