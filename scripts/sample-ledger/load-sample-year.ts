import type { Database } from '../../db/client.js';
import { loadSampleConsultations } from './consultations.js';
import { loadSampleEnterpriseServices } from './enterprise-services.js';
import { loadSampleGridLeads } from './grid-leads.js';
import { loadSampleLedger } from './load-through-api.js';

export interface SampleYearStaff {
  /** The duty lawyer the consultations are recorded as answered by. */
  answeredById: string;
  /** The station staff the grid leads' triage and the enterprise services are recorded under. */
  recordedById: string;
}

/**
 * The whole sample year 2022 into a running system, for every line of the annual table: the units and
 * the case ledger through the API as an admin would (with its 研判会日期, the cases' conferences), then
 * the consultations, the grids with their leads, and the enterprise services straight into their tables
 * (dated in 2022; the API would stamp them now). Returns the unit ids by code and what was loaded.
 */
export async function loadSampleYear(
  baseUrl: string,
  adminToken: string,
  db: Database,
  staff: SampleYearStaff,
) {
  const { unitIds, result } = await loadSampleLedger(baseUrl, adminToken);
  const consultations = await loadSampleConsultations(db, unitIds, staff.answeredById);
  const grid = await loadSampleGridLeads(db, unitIds, staff.recordedById);
  const enterprise = await loadSampleEnterpriseServices(db, unitIds, staff.recordedById);
  return { unitIds, loaded: { cases: result.rowCount, consultations, ...grid, ...enterprise } };
}
