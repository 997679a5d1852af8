import { describe, expect, it } from 'vitest';
import { acceptanceFeeFen, feeSavedByMediationFen } from '../../../domain/court-fees.js';
import { Refusal } from '../../../domain/refusals.js';

const yuan = (amount: number) => Math.round(amount * 100);

/**
 * Expected fees worked by hand from 诉讼费用交纳办法 art 13(1), bracket by bracket:
 *   10,000 → 50 flat
 *   100,000 → 50 + 90,000 × 2.5% = 2,300
 *   200,000 → 2,300 + 100,000 × 2% = 4,300
 *   500,000 → 4,300 + 300,000 × 1.5% = 8,800
 *   1,000,000 → 8,800 + 500,000 × 1% = 13,800
 *   2,000,000 → 13,800 + 1,000,000 × 0.9% = 22,800
 *   5,000,000 → 22,800 + 3,000,000 × 0.8% = 46,800
 *   10,000,000 → 46,800 + 5,000,000 × 0.7% = 81,800
 *   20,000,000 → 81,800 + 10,000,000 × 0.6% = 141,800
 *   30,000,000 → 141,800 + 10,000,000 × 0.5% = 191,800
 */
describe('the acceptance fee of a property case', () => {
  it.each([
    [0, 50],
    [5_000, 50],
    [10_000, 50],
    [100_000, 2_300],
    [200_000, 4_300],
    [500_000, 8_800],
    [1_000_000, 13_800],
    [2_000_000, 22_800],
    [5_000_000, 46_800],
    [10_000_000, 81_800],
    [20_000_000, 141_800],
    [30_000_000, 191_800],
    [1_000_000_000, 5_041_800], // 141,800 + 980,000,000 × 0.5%
  ])('%d yuan → %d yuan', (claimYuan, feeYuan) => {
    expect(acceptanceFeeFen(yuan(claimYuan))).toBe(yuan(feeYuan));
  });

  it('crosses each bracket edge by one yuan at the next rate', () => {
    // One yuan into a bracket costs its rate: 2.5 fen, 2 fen, 1.5 fen, … rounded half up to the fen.
    expect(acceptanceFeeFen(yuan(10_001))).toBe(yuan(50) + 3); // 2.5 → 3
    expect(acceptanceFeeFen(yuan(100_001))).toBe(yuan(2_300) + 2);
    expect(acceptanceFeeFen(yuan(200_001))).toBe(yuan(4_300) + 2); // 1.5 → 2
    expect(acceptanceFeeFen(yuan(500_001))).toBe(yuan(8_800) + 1);
    expect(acceptanceFeeFen(yuan(1_000_001))).toBe(yuan(13_800) + 1); // 0.9 → 1
    expect(acceptanceFeeFen(yuan(20_000_001))).toBe(yuan(141_800) + 1); // 0.5 → 1
    expect(acceptanceFeeFen(yuan(20_000_000) + 99)).toBe(yuan(141_800)); // 0.495 → 0
  });

  it('rounds only once, at the end', () => {
    // 10,000.40 yuan: 40 fen × 2.5% = 1 fen exactly.
    expect(acceptanceFeeFen(1_000_040)).toBe(5_001);
    // 10,000.01 yuan: 0.025 fen rounds to nothing.
    expect(acceptanceFeeFen(1_000_001)).toBe(5_000);
  });

  it('halves once for mediation or withdrawal (art 15) or simple procedure (art 16)', () => {
    expect(acceptanceFeeFen(yuan(100_000), ['mediation_or_withdrawal'])).toBe(yuan(1_150));
    expect(acceptanceFeeFen(yuan(100_000), ['simple_procedure'])).toBe(yuan(1_150));
    expect(acceptanceFeeFen(yuan(100_000), ['simple_procedure', 'mediation_or_withdrawal'])).toBe(
      yuan(1_150),
    );
    expect(acceptanceFeeFen(yuan(1_000_000), ['mediation_or_withdrawal'])).toBe(yuan(6_900));
    // Half of the exact 5,001 fen is 2,500.5 fen, rounded half up once.
    expect(acceptanceFeeFen(1_000_040, ['mediation_or_withdrawal'])).toBe(2_501);
  });

  it('refuses amounts that are not whole fen', () => {
    expect(() => acceptanceFeeFen(100.5)).toThrow(Refusal);
    expect(() => acceptanceFeeFen(-1)).toThrow(Refusal);
    expect(() => acceptanceFeeFen(Number.MAX_SAFE_INTEGER + 1)).toThrow(Refusal);
  });
});

describe('court fees saved by mediation', () => {
  const claim = yuan(100_000);

  it('saves the whole fee when the dispute never reached the court’s fee schedule', () => {
    expect(feeSavedByMediationFen(claim, { filedBeforeMediation: false, simpleProcedure: false })).toBe(
      yuan(2_300),
    );
    expect(feeSavedByMediationFen(claim, { filedBeforeMediation: false, simpleProcedure: true })).toBe(
      yuan(1_150),
    );
  });

  it('saves half the fee of a filed case settled by entrusted mediation', () => {
    expect(feeSavedByMediationFen(claim, { filedBeforeMediation: true, simpleProcedure: false })).toBe(
      yuan(1_150),
    );
  });

  it('saves nothing more under simple procedure, already halved once', () => {
    expect(feeSavedByMediationFen(claim, { filedBeforeMediation: true, simpleProcedure: true })).toBe(0);
  });
});
