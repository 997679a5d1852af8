import { describe, expect, it } from 'vitest';
import { isValidUnifiedSocialCreditCode } from '../../domain/identity-numbers.js';
import { generateSampleLedger } from '../../scripts/generate-sample-ledger.js';
import {
  generateSampleEnterpriseServices,
  sampleEnterpriseTargets,
} from '../../scripts/sample-ledger/enterprise-services.js';
import { generateSampleGridLeads, generateSampleGrids } from '../../scripts/sample-ledger/grid-leads.js';

const inYear = (day: string | null) => day !== null && day >= '2022-01-01' && day <= '2022-12-31';

describe('the sample 2022 year beyond the case ledger: conferences, grid leads, enterprise services', () => {
  it('gives some complex cases a conference between their registration and closing, and no other case one', () => {
    const cases = generateSampleLedger();
    const conferred = cases.filter((entry) => entry.conferenceOn !== null);
    expect(conferred.length).toBeGreaterThan(0);
    for (const entry of conferred) {
      expect(entry.triageClass).toBe('complex');
      expect(entry.conferenceOn! >= entry.registeredOn && entry.conferenceOn! <= entry.closedOn).toBe(true);
    }
  }, 30_000);

  it('draws the same leads every time, in the grids, reported in 2022, none claiming a case', () => {
    const grids = generateSampleGrids();
    const leads = generateSampleGridLeads(grids);
    expect(generateSampleGridLeads()).toEqual(leads);
    expect(new Set(grids.map((grid) => grid.code)).size).toBe(grids.length);
    const codes = new Set(grids.map((grid) => grid.code));
    for (const lead of leads) {
      expect(codes.has(lead.gridCode)).toBe(true);
      expect(inYear(lead.reportedOn)).toBe(true);
      expect(lead.triagedOn > lead.reportedOn).toBe(true);
      expect(['watching', 'escalated']).toContain(lead.status);
      expect(lead.escalationReason !== null).toBe(lead.status === 'escalated');
    }
  });

  it('reaches the seed’s enterprise figures exactly, with valid and distinct credit codes', () => {
    const services = generateSampleEnterpriseServices();
    expect(generateSampleEnterpriseServices()).toEqual(services);
    expect({
      enterprisesExamined: services.engagements.filter((engagement) => inYear(engagement.visitedOn)).length,
      examinationReports: services.engagements.filter((engagement) => inYear(engagement.reportedOn)).length,
      legalEducationSessions: services.sessions.filter((session) => inYear(session.heldOn)).length,
      manualsHandedOut: services.handouts
        .filter((handout) => inYear(handout.handedOutOn))
        .reduce((sum, handout) => sum + handout.copies, 0),
    }).toEqual(sampleEnterpriseTargets);
    const codes = services.enterprises.map((enterprise) => enterprise.creditCode);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(isValidUnifiedSocialCreditCode(code), code).toBe(true);
    for (const enterprise of services.enterprises)
      expect(enterprise.creditCode.slice(0, 2)).toBe(
        enterprise.entityClass === 'individual_business' ? '92' : '91',
      );
    for (const engagement of services.engagements) {
      expect(engagement.createdOn <= engagement.visitedOn).toBe(true);
      if (engagement.reportedOn) expect(engagement.reportedOn > engagement.visitedOn).toBe(true);
      else expect(engagement.findings).toEqual([]);
      expect(engagement.closedOn !== null).toBe(
        engagement.findings.length > 0 && engagement.findings.every((finding) => finding.closedOn),
      );
    }
    expect(services.handouts.every((handout) => handout.copies >= 1)).toBe(true);
  });
});
