import type { PartyInput } from '../../workflows/case.messages.js';
import type { ProsecutionEligibilityFacts } from '../../workflows/referral.messages.js';

/**
 * What institutions send, as the use cases take it. The API's zod schemas validate exactly these
 * shapes (api/schemas: a type-level check fails the typecheck if the two drift apart).
 */

/** A court's referral (诉调对接): 委派 before filing or 委托 after filing. */
export interface CourtReferralInput {
  type: 'delegated' | 'entrusted';
  procedure?: 'ordinary' | 'simple' | undefined;
  reference: string;
  referralDate: string;
  parties: PartyInput[];
  claimsSummary: string;
  claimAmountFen: number;
  materials: string[];
  contact: { name: string; role?: string | undefined; phone?: string | undefined };
  callbackUrl?: string | undefined;
}

/** A procuratorate's referral of a minor criminal case (检调对接), with the art 288 eligibility facts. */
export interface ProsecutionReferralInput {
  reference: string;
  offence: string;
  statuteArticle: string;
  suspects: PartyInput[];
  victims: PartyInput[];
  facts: string;
  prosecutorContact: { name: string; phone?: string | undefined };
  referralDate: string;
  reviewStartedOn: string;
  reviewDueOn: string;
  eligibility: ProsecutionEligibilityFacts;
  performanceBeforeDecision: boolean;
  callbackUrl?: string | undefined;
}

/** A police station's referral of a public-order case (警调对接, 治安调解). */
export interface PoliceReferralInput {
  reference: string;
  facts: string;
  incidentDate: string;
  referralDate: string;
  parties: PartyInput[];
  officerContact: { name: string; phone?: string | undefined };
  callbackUrl?: string | undefined;
}

export interface ConfirmationDecisionInput {
  decision: 'confirmed' | 'rejected';
  date: string;
  rulingNumber: string;
}

export interface ProsecutionDecisionInput {
  decision: 'non_prosecution' | 'lenient_recommendation' | 'prosecution';
  date: string;
}

/** A page of an institution's referrals. */
export interface ReferralListQuery {
  limit: number;
  cursor?: string | undefined;
}
