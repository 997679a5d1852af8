import { describe, expect, it } from 'vitest';
import {
  checkProsecutionEligibility,
  type EligibilityFacts,
} from '../../../domain/prosecution-eligibility.js';

const injury: EligibilityFacts = {
  privateDispute: true,
  criminalLawChapter: 4, // 故意伤害 (art 234), chapter 4
  negligent: false,
  likelySentenceMonths: 24,
  intentionalCrimeWithinFiveYears: false,
};

const conditions = (facts: Partial<EligibilityFacts>) =>
  checkProsecutionEligibility({ ...injury, ...facts }).map((failure) => failure.condition);

describe('刑事诉讼法 art 288: which minor criminal cases may be settled between the parties', () => {
  it('accepts a chapter 4 crime from a neighbours’ quarrel likely to get 2 years', () => {
    expect(checkProsecutionEligibility(injury)).toEqual([]);
  });

  it.each([
    ['chapter 4 at exactly 3 years', { likelySentenceMonths: 36 }, []],
    ['chapter 5 (theft) at 3 years', { criminalLawChapter: 5, likelySentenceMonths: 36 }, []],
    ['chapter 4 at 3 years and a month', { likelySentenceMonths: 37 }, ['offence_and_sentence']],
    [
      'negligent at exactly 7 years (交通肇事, chapter 2)',
      { criminalLawChapter: 2, negligent: true, likelySentenceMonths: 84 },
      [],
    ],
    [
      'negligent at 7 years and a month',
      { criminalLawChapter: 2, negligent: true, likelySentenceMonths: 85 },
      ['offence_and_sentence'],
    ],
    [
      'negligent malfeasance (chapter 9)',
      { criminalLawChapter: 9, negligent: true, likelySentenceMonths: 12 },
      ['offence_and_sentence'],
    ],
    [
      'intentional crime in chapter 6',
      { criminalLawChapter: 6, likelySentenceMonths: 12 },
      ['offence_and_sentence'],
    ],
    ['not a private dispute', { privateDispute: false }, ['private_dispute']],
    [
      'an intentional crime in the past 5 years',
      { intentionalCrimeWithinFiveYears: true },
      ['no_recent_intentional_crime'],
    ],
    [
      'every condition failing at once',
      {
        privateDispute: false,
        criminalLawChapter: 3,
        likelySentenceMonths: 120,
        intentionalCrimeWithinFiveYears: true,
      },
      ['private_dispute', 'offence_and_sentence', 'no_recent_intentional_crime'],
    ],
  ] as const)('%s', (_name, facts, expected) => {
    expect(conditions(facts)).toEqual(expected);
  });

  it('names the field and gives a reason in English and Chinese for each failure', () => {
    const [failure] = checkProsecutionEligibility({ ...injury, likelySentenceMonths: 48 });
    expect(failure).toMatchObject({ field: 'eligibility.likelySentenceMonths' });
    expect(failure!.reason).toContain('48 months');
    expect(failure!.reasonZh).toContain('三年');
  });
});
