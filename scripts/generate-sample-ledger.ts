/**
 * A generated legacy ledger (台账) of a Hulunbuir-sized centre for 2022, deterministic (seeded PRNG):
 * 5,318 disputes received, 10,599 people served, 5,125 settled worth exactly 183,000,000 yuan, 1,463
 * court-diverted disputes settled saving exactly 4,990,000 yuan of court fees, 8 prosecution referrals of
 * which 6 settled with 176,000 yuan (DESIGN.md). Writes the CSV, the XLSX and the totals the generator
 * itself counted to test/fixtures/ledgers/.
 *
 *   npx tsx scripts/generate-sample-ledger.ts
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { acceptanceFeeFen, feeSavedByMediationFen } from '../domain/court-fees.js';
import { addDays, daysBetween } from '../domain/dates.js';
import type { CaseSource, Disposition, DisputeCategory, TriageClass } from '../domain/vocabulary.js';
import { sampleLedgerFiles } from './sample-ledger/files.js';
import {
  courtNames,
  createPeopleDrawer,
  mediatorNames,
  type PeopleDrawer,
  type SampleParty,
  type SampleUnit,
  sampleUnits,
  summaries,
  unitForCategory,
} from './sample-ledger/people.js';
import { createSampleRandom, type SampleRandom } from './sample-ledger/random.js';

export const sampleLedgerYear = 2022;
export const sampleLedgerSeed = 20_221_231;
export const sampleLedgerFolder = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  'test',
  'fixtures',
  'ledgers',
);
export const sampleLedgerName = 'hulunbuir-2022';

/** The year's figures the sample is built to (DESIGN.md), fen for money. */
export const sampleTargets = {
  received: 5_318,
  peopleServed: 10_599,
  settled: 5_125,
  settledAmountFen: 18_300_000_000,
  courtReceived: 1_602,
  courtSettled: 1_463,
  courtFeeSavedFen: 499_000_000,
  prosecutionReceived: 8,
  prosecutionSettled: 6,
  prosecutionSettledAmountFen: 17_600_000,
} as const;

export interface SampleCase {
  ledgerNumber: string;
  registeredOn: string;
  source: CaseSource;
  category: DisputeCategory;
  triageClass: TriageClass;
  summary: string;
  unit: SampleUnit;
  mediatorName: string;
  parties: SampleParty[];
  claimAmountFen: number | null;
  disposition: Disposition;
  agreementAmountFen: number | null;
  closedOn: string;
  court: {
    type: 'delegated' | 'entrusted';
    courtName: string;
    feeSavedFen: number | null;
    feeWritten: boolean;
  } | null;
  prosecution: { decision: 'non_prosecution' | 'lenient_recommendation' | 'prosecution' } | null;
  online: boolean;
  /** The day its case conference (研) sat, for the complex cases that held one (研判会日期). */
  conferenceOn: string | null;
}

/** More disputes in spring and summer, fewer around the Spring Festival (1 Feb 2022). */
const monthWeights = [7, 5, 9, 9, 10, 9, 9, 9, 9, 8, 8, 8];
const otherSources: [CaseSource, number][] = [
  ['walk_in', 40],
  ['hotline', 12],
  ['online', 15],
  ['wechat', 10],
  ['grid_worker', 13],
  ['police', 6],
  ['department', 4],
];
const otherCategories: [DisputeCategory, number][] = [
  ['family', 18],
  ['neighbour', 20],
  ['property_management', 10],
  ['traffic_accident', 7],
  ['medical', 2],
  ['labour', 9],
  ['contract', 6],
  ['lending', 6],
  ['commercial', 2],
  ['land', 8],
  ['consumer', 7],
  ['administrative', 1],
  ['other', 4],
];
const courtCategories: [DisputeCategory, number][] = [
  ['lending', 30],
  ['contract', 22],
  ['traffic_accident', 12],
  ['labour', 8],
  ['property_management', 10],
  ['commercial', 8],
  ['family', 6],
  ['medical', 4],
];
/** Minor criminal cases (检调对接): only the civil part and forgiveness are negotiated. */
const prosecutionSummaries: Partial<Record<DisputeCategory, string[]>> = {
  neighbour: ['邻里琐事引发轻伤害案件，就赔偿和谅解进行和解'],
  traffic_accident: ['交通肇事案件，就民事赔偿和谅解进行和解'],
  other: ['故意毁坏财物案件，就赔偿损失和谅解进行和解'],
};
const unsettledDispositions: [Disposition, number][] = [
  ['failed', 60],
  ['withdrawn', 20],
  ['terminated', 10],
  ['referred_out', 5],
  ['rejected', 5],
];

function registrationDate(random: SampleRandom): string {
  const month = random.weighted(monthWeights.map((weight, index) => [index + 1, weight] as [number, number]));
  const days = new Date(Date.UTC(sampleLedgerYear, month, 0)).getUTCDate();
  const day = random.integer(month === 1 ? 4 : 1, month === 12 ? 20 : days);
  return `${sampleLedgerYear}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function closingDate(random: SampleRandom, registeredOn: string, triage: TriageClass, limit: number): string {
  const span = triage === 'simple' ? [0, 7] : triage === 'general' ? [3, 15] : [10, 30];
  const closed = addDays(registeredOn, Math.min(random.integer(span[0]!, span[1]!), limit));
  return closed > `${sampleLedgerYear}-12-30` ? `${sampleLedgerYear}-12-30` : closed;
}

export type Kind = 'court' | 'prosecution' | 'other';

function drawCase(random: SampleRandom, people: PeopleDrawer, kind: Kind, settled: boolean): SampleCase {
  const source: CaseSource =
    kind === 'court' ? 'court' : kind === 'prosecution' ? 'procuratorate' : random.weighted(otherSources);
  const category: DisputeCategory =
    kind === 'court'
      ? random.weighted(courtCategories)
      : kind === 'prosecution'
        ? random.pick(['neighbour', 'traffic_accident', 'other'] as const)
        : random.weighted(otherCategories);
  const triageClass = random.weighted<TriageClass>([
    ['simple', kind === 'other' ? 55 : 25],
    ['general', 35],
    ['complex', kind === 'other' ? 10 : 20],
  ]);
  const courtType = random.chance(0.8) ? 'delegated' : 'entrusted';
  const registeredOn = registrationDate(random);
  const limit = kind === 'court' ? (courtType === 'delegated' ? 30 : 15) : kind === 'prosecution' ? 14 : 30;
  const online =
    source === 'online' || source === 'wechat'
      ? random.chance(0.7)
      : random.chance(kind === 'court' ? 0.3 : 0.08);
  return {
    ledgerNumber: '',
    registeredOn,
    source,
    category,
    triageClass,
    summary: random.pick(kind === 'prosecution' ? prosecutionSummaries[category]! : summaries[category]),
    unit: random.chance(0.7) ? unitForCategory(category, random) : sampleUnits[0]!,
    mediatorName: random.pick(mediatorNames),
    parties: people.partiesFor(kind, category),
    claimAmountFen: null,
    disposition: settled
      ? random.chance(0.85)
        ? 'settled_written'
        : 'settled_oral'
      : kind === 'prosecution'
        ? 'failed'
        : random.weighted(unsettledDispositions),
    agreementAmountFen: null,
    closedOn: closingDate(random, registeredOn, triageClass, limit),
    court:
      kind === 'court'
        ? { type: courtType, courtName: random.pick(courtNames), feeSavedFen: null, feeWritten: true }
        : null,
    prosecution: kind === 'prosecution' ? { decision: settled ? 'non_prosecution' : 'prosecution' } : null,
    online,
    conferenceOn: null,
  };
}

/** Whole yuan, at least `minimumYuan`, in fen. */
const yuanFen = (yuan: number, minimumYuan = 1) => Math.max(Math.round(yuan), minimumYuan) * 100;

/** The least scale factor whose total reaches `target` (totals grow with the factor). */
function scaleTo(total: (factor: number) => number, target: number): number {
  let low = 0;
  let high = 1;
  while (total(high) < target) high *= 2;
  for (let step = 0; step < 80; step += 1) {
    const middle = (low + high) / 2;
    if (total(middle) < target) low = middle;
    else high = middle;
  }
  return high;
}

/** The least claim whose full acceptance fee is exactly `feeFen` (every fen value is reached). */
function claimForFee(feeFen: number): number {
  let low = 1_000_000;
  let high = 100_000_000_000;
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (acceptanceFeeFen(middle) < feeFen) low = middle + 1;
    else high = middle;
  }
  if (acceptanceFeeFen(low) !== feeFen) throw new Error(`no claim has the fee ${feeFen}`);
  return low;
}

function feeOf(entry: SampleCase): number {
  return feeSavedByMediationFen(entry.claimAmountFen!, {
    filedBeforeMediation: entry.court!.type === 'entrusted',
    simpleProcedure: false,
  });
}

/** Court claims so that the settled ones' saved fees add up exactly; agreements below the claims. */
function fillCourtAmounts(random: SampleRandom, entries: SampleCase[]): void {
  const settled = entries.filter((entry) => entry.court && entry.disposition.startsWith('settled'));
  const absorber = settled.find((entry) => entry.court!.type === 'delegated')!;
  const others = settled.filter((entry) => entry !== absorber);
  const shapes = others.map(() => random.logNormal(0.85));
  const setClaims = (factor: number) =>
    others.forEach((entry, index) => {
      entry.claimAmountFen = yuanFen(shapes[index]! * factor, 1_000);
    });
  const feeTotal = (factor: number) => {
    setClaims(factor);
    return others.reduce((sum, entry) => sum + feeOf(entry), 0);
  };
  const remainderTarget = 500_000; // the last case's fee, about 5,000 yuan
  setClaims(scaleTo(feeTotal, sampleTargets.courtFeeSavedFen - remainderTarget));
  const othersFee = others.reduce((sum, entry) => sum + feeOf(entry), 0);
  absorber.claimAmountFen = claimForFee(sampleTargets.courtFeeSavedFen - othersFee);
  for (const entry of settled) {
    entry.court!.feeSavedFen = feeOf(entry);
    // One in ten rows leaves the fee blank: the import computes it from the claim.
    entry.court!.feeWritten = !random.chance(0.1);
    entry.agreementAmountFen = yuanFen((entry.claimAmountFen! / 100) * random.between(0.3, 0.85));
  }
  for (const entry of entries.filter((item) => item.court && !item.disposition.startsWith('settled'))) {
    entry.claimAmountFen = yuanFen(random.logNormal(0.85) * 60_000, 1_000);
  }
}

function fillOtherAmounts(random: SampleRandom, entries: SampleCase[]): void {
  const prosecution = entries.filter((entry) => entry.prosecution);
  const prosecutionSettled = prosecution.filter((entry) => entry.disposition.startsWith('settled'));
  let prosecutionRest = sampleTargets.prosecutionSettledAmountFen;
  prosecutionSettled.forEach((entry, index) => {
    const amount =
      index === prosecutionSettled.length - 1
        ? prosecutionRest
        : yuanFen(random.between(15_000, 30_000) / 10) * 10;
    prosecutionRest -= amount;
    entry.agreementAmountFen = amount;
    entry.claimAmountFen = yuanFen((amount / 100) * random.between(1.2, 2));
  });
  prosecutionSettled[1]!.prosecution!.decision = 'lenient_recommendation';
  for (const entry of prosecution.filter((item) => !item.disposition.startsWith('settled')))
    entry.claimAmountFen = yuanFen(random.between(30_000, 80_000));

  const alreadySettledFen = entries.reduce((sum, entry) => sum + (entry.agreementAmountFen ?? 0), 0);
  const monetary = entries.filter(
    (entry) =>
      !entry.court && !entry.prosecution && entry.disposition.startsWith('settled') && random.chance(0.8),
  );
  const absorber = monetary.pop()!;
  const shapes = monetary.map(() => random.logNormal(1.1));
  const total = (factor: number) =>
    monetary.reduce((sum, _entry, index) => sum + yuanFen((shapes[index]! * factor) / 10, 20) * 10, 0);
  const target = sampleTargets.settledAmountFen - alreadySettledFen;
  const factor = scaleTo(total, target - 2_000_000);
  monetary.forEach((entry, index) => {
    entry.agreementAmountFen = yuanFen((shapes[index]! * factor) / 10, 20) * 10;
  });
  absorber.agreementAmountFen = target - monetary.reduce((sum, entry) => sum + entry.agreementAmountFen!, 0);
  for (const entry of [...monetary, absorber])
    entry.claimAmountFen = yuanFen(entry.agreementAmountFen! / 100 / random.between(0.6, 1));
  for (const entry of entries.filter(
    (item) => !item.court && !item.prosecution && !item.disposition.startsWith('settled'),
  ))
    if (random.chance(0.5)) entry.claimAmountFen = yuanFen(random.logNormal(1) * 8_000, 100);
}

/** Drop or add parties of ordinary cases until the people served are exactly the target. */
function fitPeopleServed(random: SampleRandom, people: PeopleDrawer, entries: SampleCase[]): void {
  const ordinary = entries.filter((entry) => !entry.court && !entry.prosecution);
  let served = entries.reduce((sum, entry) => sum + entry.parties.length, 0);
  while (served !== sampleTargets.peopleServed) {
    const entry = random.pick(ordinary);
    if (served > sampleTargets.peopleServed && entry.parties.length === 2) {
      entry.parties.pop();
      served -= 1;
    } else if (served < sampleTargets.peopleServed && entry.parties.length === 2) {
      entry.parties.push(people.person('third_party'));
      served += 1;
    }
  }
}

/**
 * Case conferences (研, 研判会): the seed names the step but gives no yearly figure. The sample has one
 * for two in five of its complex (复杂) cases that went on past a few days — the ones a station would
 * study together — held a third to two thirds of the way from registration to closing. Drawn with a
 * PRNG of its own, after the ledger, so that adding them changed none of the ledger's other figures.
 */
const conferenceSeed = 20_221_233;
const conferenceShare = 0.4;

function drawConferences(entries: readonly SampleCase[]): void {
  const random = createSampleRandom(conferenceSeed);
  for (const entry of entries) {
    if (entry.triageClass !== 'complex') continue;
    const span = daysBetween(entry.registeredOn, entry.closedOn);
    if (span < 3 || !random.chance(conferenceShare)) continue;
    entry.conferenceOn = addDays(entry.registeredOn, Math.round(span * random.between(1 / 3, 2 / 3)));
  }
}

export function generateSampleLedger(): SampleCase[] {
  const random = createSampleRandom(sampleLedgerSeed);
  const people = createPeopleDrawer(random);
  const plan: [Kind, boolean, number][] = [
    ['court', true, sampleTargets.courtSettled],
    ['court', false, sampleTargets.courtReceived - sampleTargets.courtSettled],
    ['prosecution', true, sampleTargets.prosecutionSettled],
    ['prosecution', false, sampleTargets.prosecutionReceived - sampleTargets.prosecutionSettled],
    ['other', true, sampleTargets.settled - sampleTargets.courtSettled - sampleTargets.prosecutionSettled],
    [
      'other',
      false,
      sampleTargets.received -
        sampleTargets.settled -
        (sampleTargets.courtReceived - sampleTargets.courtSettled) -
        (sampleTargets.prosecutionReceived - sampleTargets.prosecutionSettled),
    ],
  ];
  const entries = plan.flatMap(([kind, settled, count]) =>
    Array.from({ length: count }, () => drawCase(random, people, kind, settled)),
  );
  fillCourtAmounts(random, entries);
  fillOtherAmounts(random, entries);
  fitPeopleServed(random, people, entries);
  const order = entries.map((entry) => ({ entry, tie: random.next() }));
  order.sort((a, b) => a.entry.registeredOn.localeCompare(b.entry.registeredOn) || a.tie - b.tie);
  const numbered = order.map(({ entry }, index) => ({
    ...entry,
    ledgerNumber: `HLBE-${sampleLedgerYear}-${String(index + 1).padStart(6, '0')}`,
  }));
  drawConferences(numbered);
  return numbered;
}

async function main(): Promise<void> {
  const files = await sampleLedgerFiles(generateSampleLedger(), sampleLedgerName);
  await mkdir(sampleLedgerFolder, { recursive: true });
  for (const [name, content] of Object.entries(files)) {
    await writeFile(join(sampleLedgerFolder, name), content);
    console.log(`wrote ${join(sampleLedgerFolder, name)} (${content.length} bytes)`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main();
}
