import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chinaDateOf } from '../../domain/dates.js';
import { createInstitution, createUnit } from '../helpers/staff.js';
import { startTestSystem, type TestSystem } from '../helpers/test-system.js';

const today = chinaDateOf(Date.now());

const referral = (reference: string) => ({
  type: 'delegated',
  reference,
  referralDate: today,
  parties: [
    { kind: 'person', name: '郑伟', role: 'applicant' },
    { kind: 'person', name: '吴军', role: 'respondent' },
  ],
  claimsSummary: '民间借贷纠纷：请求返还借款两万元',
  claimAmountFen: 2_000_000,
  materials: ['起诉状'],
  contact: { name: '王法官' },
});

/**
 * Case numbers run without gaps: a court's system that sends the same referral many times at once
 * (a retry storm) gets one case, and the duplicates that lose the race take no number with them, so
 * the next referral gets the very next number.
 */
describe('concurrent duplicate referrals burn no case numbers', () => {
  let system: TestSystem;
  let court: Awaited<ReturnType<typeof createInstitution>>;

  beforeAll(async () => {
    system = await startTestSystem();
    await createUnit(system.database.db, '呼伦贝尔市非诉纠纷调处中心');
    court = await createInstitution(system.database.db, 'court', '海拉尔区人民法院');
  });
  afterAll(() => system?.stop());

  const send = (body: unknown) =>
    fetch(`${system.baseUrl}/v1/court/referrals`, {
      method: 'POST',
      headers: { authorization: `Bearer ${court.apiKey}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const sequenceOf = (caseNumber: string) => Number(caseNumber.split('-').at(-1));

  it('gives the next referral the next number after 30 concurrent copies of one referral', async () => {
    const copies = await Promise.all(
      Array.from({ length: 30 }, () => send(referral('(2026)内0702民诉前调7001号'))),
    );
    expect(copies.map((response) => response.status).filter((status) => status === 201)).toHaveLength(1);
    const numbers = new Set(
      await Promise.all(copies.map(async (r) => ((await r.json()) as { caseNumber: string }).caseNumber)),
    );
    expect(numbers.size).toBe(1);
    const [first] = [...numbers];

    const next = await send(referral('(2026)内0702民诉前调7002号'));
    expect(next.status).toBe(201);
    const { caseNumber } = (await next.json()) as { caseNumber: string };
    expect(sequenceOf(caseNumber)).toBe(sequenceOf(first!) + 1);
    const [counter] = await system.database
      .sql`select last_value from case_number_counters where prefix = ${system.caseNumberPrefix}`;
    expect(counter!.last_value).toBe(sequenceOf(caseNumber));
  }, 90_000);
});
