import type { gridLeads } from '../../db/schema/index.js';
import {
  type LeadRiskLevel,
  type LeadStatus,
  leadRiskLevelLabelsZh,
  leadStatusLabelsZh,
} from '../../domain/screening-vocabulary.js';
import { type DisputeCategory, disputeCategoryLabelsZh } from '../../domain/vocabulary.js';
import { maskPhone } from '../cases/masking.js';

/** Someone involved in a lead, as the grid worker wrote them down: a name, a phone number if given. */
export interface LeadPerson {
  name: string;
  phone?: string | undefined;
}

/** A screening lead as staff read it: codes with their Chinese labels, instants in UTC. */
export interface GridLead {
  id: string;
  unitId: string;
  reportedById: string;
  place: string;
  people: LeadPerson[];
  category: DisputeCategory;
  categoryZh: string;
  riskLevel: LeadRiskLevel;
  riskLevelZh: string;
  description: string;
  reportedAt: string;
  status: LeadStatus;
  statusZh: string;
  triagedById: string | null;
  triagedAt: string | null;
  escalationReason: string | null;
  caseNumber: string | null;
  links: { self: string; case: string | null };
}

export type GridLeadRow = typeof gridLeads.$inferSelect;

export function leadPath(id: string): string {
  return `/v1/grid-leads/${id}`;
}

/** The row as the API answers it; lists mask phone numbers (`masked`), one lead opened shows them. */
export function toGridLead(row: GridLeadRow, { masked }: { masked: boolean }): GridLead {
  const people = row.people as LeadPerson[];
  const category = row.category as DisputeCategory;
  const riskLevel = row.riskLevel as LeadRiskLevel;
  const status = row.status as LeadStatus;
  return {
    id: row.id,
    unitId: row.unitId,
    reportedById: row.reportedById,
    place: row.place,
    people: masked
      ? people.map((person) => ({ ...person, ...(person.phone ? { phone: maskPhone(person.phone) } : {}) }))
      : people,
    category,
    categoryZh: disputeCategoryLabelsZh[category],
    riskLevel,
    riskLevelZh: leadRiskLevelLabelsZh[riskLevel],
    description: row.description,
    reportedAt: row.reportedAt.toISOString(),
    status,
    statusZh: leadStatusLabelsZh[status],
    triagedById: row.triagedById,
    triagedAt: row.triagedAt?.toISOString() ?? null,
    escalationReason: row.escalationReason,
    caseNumber: row.caseNumber,
    links: { self: leadPath(row.id), case: row.caseNumber ? `/v1/cases/${row.caseNumber}` : null },
  };
}
