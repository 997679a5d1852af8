import { and, eq, isNull, lt, or } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { gridLeads } from '../../db/schema/index.js';
import { Refusal, refuseField } from '../../domain/refusals.js';
import {
  type LeadStatus,
  type LeadTriageAction,
  leadStatusLabelsZh,
  leadTriageActionLabelsZh,
  leadTriageStep,
} from '../../domain/screening-vocabulary.js';
import type { PartyInput } from '../../workflows/case.messages.js';
import type { StaffPrincipal } from '../auth/principal.js';
import type { CaseResponse } from '../cases/case-response.js';
import { readCase } from '../cases/read-case.js';
import { registerCase } from '../cases/register-case.js';
import { type GridLead, type GridLeadRow, type LeadPerson, toGridLead } from './lead-response.js';
import { assertLeadInReach, leadNotFound } from './lead-scope.js';

type RegisterCaseDependencies = Parameters<typeof registerCase>[0];

/** What the station decides about a lead. */
export interface TriageLeadInput {
  action: LeadTriageAction;
  /** Why it goes up a level (上报理由): required to escalate. */
  reason?: string | undefined;
  /** The case's parties, to mediate: else those the grid worker named (the first applies, the rest respond). */
  parties?: PartyInput[] | undefined;
}

export interface TriageAnswer {
  lead: GridLead;
  /** The case the lead became (mediate only). */
  case: CaseResponse | null;
  /** False when the lead already stood so (a retry): nothing changed. */
  changed: boolean;
}

/** A claim this old belongs to a request that died between claiming and registering. */
const staleClaimMilliseconds = 2 * 60_000;
/** How long a second request waits for the first to finish registering the case. */
const waitForOtherMilliseconds = 10_000;

/**
 * The station triages a lead (研判): watch it (关注), mediate on the spot (就地调解: a case registered as
 * any case is, source 网格员上报, in the lead's grid, the people and the description carried over, the
 * lead linked to it), or escalate it (上报, with the reason). Safe to retry: deciding again what was
 * decided answers the lead as it stands (and its case); a decision the lead's status does not allow is a
 * 409 naming the current status. Registering claims the lead first, as consultations do, so a double
 * click never registers the dispute twice.
 */
export async function triageLead(
  deps: RegisterCaseDependencies,
  principal: StaffPrincipal,
  id: string,
  input: TriageLeadInput,
): Promise<TriageAnswer> {
  const row = await findLead(deps.db, principal, id);
  if (input.action === 'escalate' && !input.reason?.trim()) {
    refuseField('validation_failed', 'reason', 'required to escalate', { reasonZh: '上报须写明理由' });
  }
  const step = leadTriageStep(row.status as LeadStatus, input.action);
  if (step.outcome === 'same') return answer(deps, principal, row, false);
  if (step.outcome === 'illegal') throw alreadyDecided(row, input.action);
  if (input.action === 'mediate') return mediateOnTheSpot(deps, principal, row, input);
  const [updated] = await deps.db
    .update(gridLeads)
    .set({
      status: step.to,
      triagedById: principal.userId,
      triagedAt: new Date(),
      escalationReason: input.action === 'escalate' ? (input.reason?.trim() ?? null) : row.escalationReason,
    })
    // Not while another request is registering the lead's case: that decision is being made.
    .where(and(eq(gridLeads.id, id), eq(gridLeads.status, row.status), isNull(gridLeads.conversionClaimedAt)))
    .returning();
  if (!updated) {
    const [now] = await deps.db.select().from(gridLeads).where(eq(gridLeads.id, id)).limit(1);
    if (now?.status === row.status && now.conversionClaimedAt) {
      throw new Refusal('lead_conversion_in_progress', {
        detail: 'Another request is turning this lead into a case; retry shortly.',
        retryAfterSeconds: 2,
      });
    }
    // Another request decided in between: judge again against what it decided.
    return triageLead(deps, principal, id, input);
  }
  return answer(deps, principal, updated, true);
}

async function mediateOnTheSpot(
  deps: RegisterCaseDependencies,
  principal: StaffPrincipal,
  row: GridLeadRow,
  input: TriageLeadInput,
): Promise<TriageAnswer> {
  const parties = input.parties ?? partiesOf(row.people as LeadPerson[]);
  if (parties.length === 0) {
    refuseField('lead_without_people', 'parties', 'the lead names no one: send the parties');
  }
  const now = new Date();
  const [claimed] = await deps.db
    .update(gridLeads)
    .set({ conversionClaimedAt: now })
    .where(
      and(
        eq(gridLeads.id, row.id),
        isNull(gridLeads.caseNumber),
        or(
          isNull(gridLeads.conversionClaimedAt),
          lt(gridLeads.conversionClaimedAt, new Date(now.getTime() - staleClaimMilliseconds)),
        ),
      ),
    )
    .returning({ id: gridLeads.id });
  if (!claimed) return answer(deps, principal, await rowOnceRegistered(deps.db, row.id), false);
  try {
    const { body: registered } = await registerCase(deps, principal, {
      source: 'grid_worker',
      summary: `${row.place}：${row.description}`,
      unitId: row.unitId,
      parties,
    });
    const [updated] = await deps.db
      .update(gridLeads)
      .set({
        status: 'mediating',
        caseNumber: registered.caseNumber,
        triagedById: principal.userId,
        triagedAt: new Date(),
      })
      .where(eq(gridLeads.id, row.id))
      .returning();
    if (!updated) throw leadNotFound();
    return { lead: toGridLead(updated, { masked: false }), case: registered, changed: true };
  } catch (error) {
    // Nothing was registered (or the refusal says why not): let the next request try at once.
    await deps.db
      .update(gridLeads)
      .set({ conversionClaimedAt: null })
      .where(and(eq(gridLeads.id, row.id), isNull(gridLeads.caseNumber)));
    throw error;
  }
}

/** The grid worker's list of people as case parties: the first applies, the others respond. */
function partiesOf(people: LeadPerson[]): PartyInput[] {
  return people.map((person, index) => ({
    kind: 'person',
    name: person.name,
    role: index === 0 ? 'applicant' : 'respondent',
    ...(person.phone ? { phone: person.phone } : {}),
  }));
}

async function findLead(db: Database, principal: StaffPrincipal, id: string): Promise<GridLeadRow> {
  const [row] = await db.select().from(gridLeads).where(eq(gridLeads.id, id)).limit(1);
  if (!row) throw leadNotFound();
  await assertLeadInReach(db, principal, row.unitId);
  return row;
}

async function answer(
  deps: RegisterCaseDependencies,
  principal: StaffPrincipal,
  row: GridLeadRow,
  changed: boolean,
): Promise<TriageAnswer> {
  const linked = row.caseNumber ? await readCase(deps.db, principal, row.caseNumber, deps.temporal) : null;
  return { lead: toGridLead(row, { masked: false }), case: linked, changed };
}

function alreadyDecided(row: GridLeadRow, action: LeadTriageAction): Refusal {
  const status = row.status as LeadStatus;
  return new Refusal('lead_already_decided', {
    detail: `The lead is '${status}': it cannot be '${action}' now.`,
    reasonZh: `该线索当前为“${leadStatusLabelsZh[status]}”，不能再${leadTriageActionLabelsZh[action]}`,
    currentStatus: status,
    currentStatusZh: leadStatusLabelsZh[status],
  });
}

/** The lead once another request has registered its case. */
async function rowOnceRegistered(db: Database, id: string): Promise<GridLeadRow> {
  const deadline = Date.now() + waitForOtherMilliseconds;
  for (;;) {
    const [row] = await db.select().from(gridLeads).where(eq(gridLeads.id, id)).limit(1);
    if (row?.caseNumber) return row;
    if (!row?.conversionClaimedAt || Date.now() > deadline) {
      throw new Refusal('lead_conversion_in_progress', {
        detail: 'Another request is turning this lead into a case; retry shortly.',
        retryAfterSeconds: 2,
      });
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
