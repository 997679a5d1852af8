import { Refusal } from './refusals.js';

/**
 * The acceptance fee (案件受理费) of a property case, 诉讼费用交纳办法 art 13(1), in integer fen.
 *
 * Cumulative brackets: up to 10,000 yuan a flat 50 yuan; then 2.5% of the part to 100,000, 2% to 200,000,
 * 1.5% to 500,000, 1% to 1,000,000, 0.9% to 2,000,000, 0.8% to 5,000,000, 0.7% to 10,000,000, 0.6% to
 * 20,000,000 and 0.5% above. Every rate is a whole number per mille, so the exact fee is an integer in
 * thousandths of a fen; BigInt keeps it exact for any claim.
 *
 * Rounding: the exact fee (after halving, if any) is rounded once, half up, to the nearest fen. Rounding
 * happens only at the end, never per bracket, so no bracket's fraction of a fen is lost or counted twice.
 *
 * Halving (减半交纳): a case concluded by mediation or withdrawn (art 15) and a case under simple
 * procedure (art 16) pay half. The grounds do not compound: the fee is halved once, however many apply.
 */
const fenPerYuan = 100n;
const flatFeeFen = 50n * fenPerYuan;
const flatFeeCeilingFen = 10_000n * fenPerYuan;

/** [upper bound of the bracket in yuan (null: no bound), rate per mille]. */
const brackets: readonly (readonly [bigint | null, bigint])[] = [
  [100_000n, 25n],
  [200_000n, 20n],
  [500_000n, 15n],
  [1_000_000n, 10n],
  [2_000_000n, 9n],
  [5_000_000n, 8n],
  [10_000_000n, 7n],
  [20_000_000n, 6n],
  [null, 5n],
];

/** Grounds for paying half: 调解结案或撤诉 (art 15), 简易程序 (art 16). */
const feeHalvingGrounds = ['mediation_or_withdrawal', 'simple_procedure'] as const;
type FeeHalvingGround = (typeof feeHalvingGrounds)[number];

function assertClaim(claimFen: number): bigint {
  if (!Number.isSafeInteger(claimFen) || claimFen < 0) {
    throw new Refusal('invalid_amount', {
      detail: `a claim is a non-negative whole number of fen, got ${claimFen}`,
      reasonZh: '标的额应为以分计的非负整数',
    });
  }
  return BigInt(claimFen);
}

/** The exact fee in thousandths of a fen. */
function exactFeeMilliFen(claim: bigint): bigint {
  let total = flatFeeFen * 1000n;
  let lower = flatFeeCeilingFen;
  for (const [upperYuan, perMille] of brackets) {
    if (claim <= lower) break;
    const upper = upperYuan === null ? claim : upperYuan * fenPerYuan;
    const inBracket = (claim < upper ? claim : upper) - lower;
    total += inBracket * perMille;
    lower = upper;
  }
  return total;
}

function roundHalfUp(numerator: bigint, denominator: bigint): number {
  return Number((numerator * 2n + denominator) / (denominator * 2n));
}

/** The acceptance fee in fen for a property claim of `claimFen`, halved once if any ground applies. */
export function acceptanceFeeFen(claimFen: number, halvingGrounds: readonly FeeHalvingGround[] = []): number {
  const exact = exactFeeMilliFen(assertClaim(claimFen));
  return roundHalfUp(exact, halvingGrounds.length > 0 ? 2000n : 1000n);
}

interface MediationFeeContext {
  /**
   * The court had already filed the case (委托调解 after 立案): the fee was due and mediation halves it.
   * Otherwise (walk-in, 委派调解 before filing) the dispute never reaches the court's fee schedule:
   * people's mediation is free (人民调解法 art 4) and judicial confirmation costs nothing.
   */
  filedBeforeMediation: boolean;
  /** The case would be (or was) tried under simple procedure, which halves the fee on its own. */
  simpleProcedure: boolean;
}

/**
 * What the parties save in acceptance fees because the dispute was settled by mediation rather than
 * decided by judgment: the fee a judgment would have cost minus the fee they pay now.
 * - Not filed: the whole fee they would have paid by suing (halved under simple procedure).
 * - Filed: the full fee minus the halved fee; nothing under simple procedure, already halved once.
 */
export function feeSavedByMediationFen(claimFen: number, context: MediationFeeContext): number {
  const judgmentGrounds: FeeHalvingGround[] = context.simpleProcedure ? ['simple_procedure'] : [];
  const feeByJudgment = acceptanceFeeFen(claimFen, judgmentGrounds);
  if (!context.filedBeforeMediation) return feeByJudgment;
  const feeBySettlement = acceptanceFeeFen(claimFen, [...judgmentGrounds, 'mediation_or_withdrawal']);
  return feeByJudgment - feeBySettlement;
}
