import { and, eq, inArray, ne, or } from 'drizzle-orm';
import type { Database } from '../db/client.js';
import { mediatorRelations, parties, users } from '../db/schema/index.js';
import { normaliseIdNumber, normaliseName } from '../domain/names.js';
import type { PartyInput } from '../workflows/case.messages.js';

export interface FindConflictsInput {
  caseNumber: string;
  mediatorId: string;
  parties: PartyInput[];
}

export interface Conflict {
  party: string;
  matchedOn: 'id_number' | 'name';
  /** Why the person matters: the mediator themself, a declared relation, or an opponent in an earlier case. */
  relation: string;
}

interface Person {
  name: string;
  idNumber: string | null;
  relation: string;
}

/**
 * Conflict of interest at assignment (回避): the case's parties matched against the mediator, the
 * people they declared a relation to, and the other parties of any case in which they were a party.
 */
export async function findConflicts(db: Database, input: FindConflictsInput): Promise<Conflict[]> {
  const [mediator] = await db.select().from(users).where(eq(users.id, input.mediatorId)).limit(1);
  if (!mediator) return [];
  const people: Person[] = [
    { name: mediator.displayName, idNumber: mediator.idNumber, relation: '调解员本人' },
  ];

  const relations = await db
    .select()
    .from(mediatorRelations)
    .where(eq(mediatorRelations.userId, mediator.id));
  people.push(...relations.map((r) => ({ name: r.name, idNumber: r.idNumber, relation: r.relation })));

  const ownCases = await db
    .selectDistinct({ caseNumber: parties.caseNumber })
    .from(parties)
    .where(
      and(
        ne(parties.caseNumber, input.caseNumber),
        or(
          eq(parties.nameNormalised, normaliseName(mediator.displayName)),
          ...(mediator.idNumber ? [eq(parties.idNumber, normaliseIdNumber(mediator.idNumber))] : []),
        ),
      ),
    );
  if (ownCases.length > 0) {
    const others = await db
      .select()
      .from(parties)
      .where(
        inArray(
          parties.caseNumber,
          ownCases.map((c) => c.caseNumber),
        ),
      );
    people.push(
      ...others.map((p) => ({
        name: p.name,
        idNumber: p.idNumber,
        relation: `调解员曾为当事人的案件 ${p.caseNumber}`,
      })),
    );
  }

  const conflicts: Conflict[] = [];
  for (const party of input.parties) {
    const partyId = party.idNumber ? normaliseIdNumber(party.idNumber) : null;
    const partyName = normaliseName(party.name);
    for (const person of people) {
      if (partyId && person.idNumber && normaliseIdNumber(person.idNumber) === partyId) {
        conflicts.push({ party: party.name, matchedOn: 'id_number', relation: person.relation });
      } else if (normaliseName(person.name) === partyName) {
        conflicts.push({ party: party.name, matchedOn: 'name', relation: person.relation });
      }
    }
  }
  return conflicts;
}
