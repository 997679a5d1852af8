/**
 * Whether a minor criminal case may be settled between the parties (刑事和解), 刑事诉讼法 art 288:
 * - it arises from a dispute between private parties (民间纠纷), and
 * - it is a crime under chapters 4–5 of the Criminal Law (侵犯公民人身权利、民主权利罪; 侵犯财产罪) likely
 *   to be punished by at most 3 years' imprisonment, or a negligent crime (过失犯罪) likely to be punished
 *   by at most 7 years, other than malfeasance (渎职犯罪, chapter 9), and
 * - the suspect has committed no intentional crime (故意犯罪) in the past 5 years.
 */
export interface EligibilityFacts {
  privateDispute: boolean;
  /** Chapter of the Criminal Law's special part the offence is in (4, 5, … 9). */
  criminalLawChapter: number;
  negligent: boolean;
  /** The longest sentence the offence is likely to attract, in months of imprisonment. */
  likelySentenceMonths: number;
  intentionalCrimeWithinFiveYears: boolean;
}

type EligibilityCondition = 'private_dispute' | 'offence_and_sentence' | 'no_recent_intentional_crime';

interface FailedCondition {
  condition: EligibilityCondition;
  field: string;
  reason: string;
  reasonZh: string;
}

const maxMonthsForChapters4And5 = 36;
const maxMonthsForNegligentCrimes = 84;
const malfeasanceChapter = 9;

function offenceRefusal(facts: EligibilityFacts): FailedCondition | undefined {
  const { criminalLawChapter: chapter, negligent, likelySentenceMonths: months } = facts;
  const minorPersonalOrProperty = (chapter === 4 || chapter === 5) && months <= maxMonthsForChapters4And5;
  const minorNegligent = negligent && chapter !== malfeasanceChapter && months <= maxMonthsForNegligentCrimes;
  if (minorPersonalOrProperty || minorNegligent) return undefined;
  if (negligent && chapter === malfeasanceChapter) {
    return {
      condition: 'offence_and_sentence',
      field: 'eligibility.criminalLawChapter',
      reason: 'a negligent malfeasance crime (chapter 9) cannot be settled between the parties',
      reasonZh: '渎职犯罪不适用当事人和解程序',
    };
  }
  if (negligent) {
    return {
      condition: 'offence_and_sentence',
      field: 'eligibility.likelySentenceMonths',
      reason: `a negligent crime qualifies only with a likely sentence of at most 7 years (${months} months given)`,
      reasonZh: '过失犯罪可能判处的刑罚须在七年有期徒刑以下',
    };
  }
  if (chapter === 4 || chapter === 5) {
    return {
      condition: 'offence_and_sentence',
      field: 'eligibility.likelySentenceMonths',
      reason: `a chapter 4–5 crime qualifies only with a likely sentence of at most 3 years (${months} months given)`,
      reasonZh: '刑法分则第四章、第五章规定的犯罪，可能判处的刑罚须在三年有期徒刑以下',
    };
  }
  return {
    condition: 'offence_and_sentence',
    field: 'eligibility.criminalLawChapter',
    reason: `an intentional crime outside chapters 4–5 (chapter ${chapter}) cannot be settled between the parties`,
    reasonZh: '故意犯罪须属刑法分则第四章、第五章规定的犯罪',
  };
}

/** Every condition of art 288 that the facts fail, in order; an empty list means eligible. */
export function checkProsecutionEligibility(facts: EligibilityFacts): FailedCondition[] {
  const failed: FailedCondition[] = [];
  if (!facts.privateDispute) {
    failed.push({
      condition: 'private_dispute',
      field: 'eligibility.privateDispute',
      reason: 'the case must arise from a dispute between private parties',
      reasonZh: '案件须因民间纠纷引起',
    });
  }
  const offence = offenceRefusal(facts);
  if (offence) failed.push(offence);
  if (facts.intentionalCrimeWithinFiveYears) {
    failed.push({
      condition: 'no_recent_intentional_crime',
      field: 'eligibility.intentionalCrimeWithinFiveYears',
      reason: 'the suspect committed an intentional crime in the past 5 years',
      reasonZh: '犯罪嫌疑人在五年以内曾经故意犯罪',
    });
  }
  return failed;
}
