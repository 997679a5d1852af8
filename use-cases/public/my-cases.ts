import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { caseDeadlines, cases, onlineApplications, parties, units, users } from '../../db/schema/index.js';
import { type PublicCaseStatus, publicCaseStatus } from '../../domain/public-case-status.js';
import type { Disposition } from '../../domain/vocabulary.js';
import type { CaseView } from '../../workflows/case.messages.js';
import type { CitizenPrincipal } from './citizen-session.js';

/** A party's phone as typed by staff (spaces, dashes, +86) compared by its last 11 digits. */
const phoneDigits = sql`right(regexp_replace(${parties.phone}, '[^0-9]', '', 'g'), 11)`;

/** The cases on which the citizen's verified phone is a party's phone. */
function ownCases(citizen: CitizenPrincipal) {
  return sql`${cases.caseNumber} in (select ${parties.caseNumber} from ${parties} where ${phoneDigits} = ${citizen.phone})`;
}

export interface MyCaseItem {
  caseNumber: string;
  status: PublicCaseStatus;
  /** The first line of the facts, as the applicant wrote them. */
  title: string;
  registeredAt: Date;
  mediatorName: string | null;
  nextDueAt: Date | null;
}

export async function listMyCases(db: Database, citizen: CitizenPrincipal): Promise<MyCaseItem[]> {
  const rows = await db
    .select({
      caseNumber: cases.caseNumber,
      stage: cases.stage,
      disposition: cases.disposition,
      summary: cases.summary,
      registeredAt: cases.registeredAt,
      mediatorName: users.displayName,
      nextDueAt: cases.nextDueAt,
    })
    .from(cases)
    .leftJoin(users, eq(users.id, cases.assigneeId))
    .where(and(ownCases(citizen), eq(cases.origin, 'workflow')))
    .orderBy(desc(cases.registeredAt))
    .limit(200);
  return rows.map((row) => ({
    caseNumber: row.caseNumber,
    status: publicCaseStatus(row.stage, row.disposition as Disposition | null),
    title: titleOf(row.summary),
    registeredAt: row.registeredAt,
    mediatorName: row.mediatorName,
    nextDueAt: row.nextDueAt,
  }));
}

function titleOf(summary: string): string {
  const lines = summary.split('\n').filter((line) => !line.startsWith('纠纷类型：'));
  const first = lines[0] ?? summary;
  return first.length > 40 ? `${first.slice(0, 40)}…` : first;
}

/** One case as its party sees it: no other party's ID number, phone or address, no internal notes. */
export interface MyCase {
  caseNumber: string;
  stage: string;
  status: PublicCaseStatus;
  summary: string;
  registeredAt: Date;
  unitName: string | null;
  mediatorId: string | null;
  mediatorName: string | null;
  /** The other parties by name and role only. */
  parties: { name: string; role: string; isMe: boolean }[];
  /** Why the application was not accepted (不予受理), in the clerk's words. */
  rejectionReason: string | null;
  agreementAmountFen: number | null;
  deadlines: { kind: string; dueAt: Date; status: string }[];
  preferredMediatorName: string | null;
}

/** Undefined when the case is not the citizen's (the page answers 404 either way). */
export async function readMyCase(
  db: Database,
  citizen: CitizenPrincipal,
  caseNumber: string,
): Promise<MyCase | undefined> {
  const [row] = await db
    .select({
      caseNumber: cases.caseNumber,
      stage: cases.stage,
      disposition: cases.disposition,
      state: cases.state,
      summary: cases.summary,
      registeredAt: cases.registeredAt,
      unitName: units.name,
      mediatorId: cases.assigneeId,
      mediatorName: users.displayName,
      amountFen: cases.amountFen,
    })
    .from(cases)
    .leftJoin(users, eq(users.id, cases.assigneeId))
    .leftJoin(units, eq(units.id, cases.unitId))
    .where(and(eq(cases.caseNumber, caseNumber), eq(cases.origin, 'workflow'), ownCases(citizen)))
    .limit(1);
  if (!row) return undefined;
  const view = row.state as CaseView;
  const partyRows = await db
    .select({ name: parties.name, role: parties.role, phone: phoneDigits.mapWith(String) })
    .from(parties)
    .where(eq(parties.caseNumber, caseNumber))
    .orderBy(asc(parties.ordinal));
  const [preference] = await db
    .select({ name: users.displayName })
    .from(onlineApplications)
    .innerJoin(users, eq(users.id, onlineApplications.preferredMediatorId))
    .where(eq(onlineApplications.caseNumber, caseNumber))
    .limit(1);
  const outcome = view.outcome;
  // Deadlines the party is waiting on (acceptance, mediation period); internal ones are theirs too to know.
  const deadlines = await db
    .select({ kind: caseDeadlines.kind, dueAt: caseDeadlines.dueAt, status: caseDeadlines.status })
    .from(caseDeadlines)
    .where(and(eq(caseDeadlines.caseNumber, caseNumber), inArray(caseDeadlines.status, ['open', 'overdue'])))
    .orderBy(asc(caseDeadlines.dueAt));
  return {
    caseNumber: row.caseNumber,
    stage: row.stage,
    status: publicCaseStatus(row.stage, row.disposition as Disposition | null),
    summary: row.summary,
    registeredAt: row.registeredAt,
    unitName: row.unitName,
    mediatorId: row.mediatorId,
    mediatorName: row.mediatorName,
    parties: partyRows.map((party) => ({
      name: party.name,
      role: party.role,
      isMe: party.phone === citizen.phone,
    })),
    rejectionReason:
      outcome?.transition === 'reject' && typeof outcome.details.reason === 'string'
        ? outcome.details.reason
        : null,
    agreementAmountFen: row.amountFen,
    deadlines,
    preferredMediatorName: preference?.name ?? null,
  };
}
