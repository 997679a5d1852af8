import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  generateSampleLedger,
  sampleLedgerFolder,
  sampleLedgerName,
  sampleTargets,
} from '../../scripts/generate-sample-ledger.js';
import { sampleLedgerFiles } from '../../scripts/sample-ledger/files.js';
import { totalLedger } from '../../use-cases/ledger-import/ledger-totals.js';
import { readLedger } from '../../use-cases/ledger-import/read-ledger.js';
import { checkLedger } from '../../use-cases/ledger-import/validate-ledger.js';

const fixture = (extension: string) => readFile(join(sampleLedgerFolder, `${sampleLedgerName}.${extension}`));

describe('the generated sample ledger of a Hulunbuir-sized year (2022)', () => {
  it('is what the generator makes from its seed: the committed CSV and totals are reproduced byte for byte', async () => {
    const files = await sampleLedgerFiles(generateSampleLedger(), sampleLedgerName);
    expect(files[`${sampleLedgerName}.csv`]!.equals(await fixture('csv'))).toBe(true);
    expect(files[`${sampleLedgerName}.totals.json`]!.toString()).toBe(
      (await fixture('totals.json')).toString(),
    );
  }, 30_000);

  it('has the XLSX (typed dates and amounts) say what the CSV says', async () => {
    const [csv, xlsx] = await Promise.all([
      fixture('csv').then((bytes) => readLedger(bytes, 'csv')),
      fixture('xlsx').then((bytes) => readLedger(bytes, 'xlsx')),
    ]);
    expect(xlsx.length).toBe(sampleTargets.received + 1);
    const context = { units: new Map(xlsx.slice(1).map((row) => [row[6]!, row[6]!])), today: '2026-01-01' };
    const fromXlsx = checkLedger(xlsx, context);
    expect(fromXlsx.errors).toEqual([]);
    expect(fromXlsx.cases).toEqual(checkLedger(csv, context).cases);
  }, 30_000);

  it('adds up to the year of DESIGN.md, and passes the import’s checks with those totals', async () => {
    const known = JSON.parse((await fixture('totals.json')).toString()) as {
      units: { code: string }[];
      ledger: Record<string, unknown>;
    };
    expect(known.ledger).toMatchObject({
      received: 5_318,
      peopleServed: 10_599,
      settled: 5_125,
      settledAmountFen: 183_000_000 * 100,
      courtSettled: 1_463,
      courtFeeSavedFen: 4_990_000 * 100,
      prosecutionReceived: 8,
      prosecutionSettled: 6,
      prosecutionSettledAmountFen: 176_000 * 100,
    });
    const units = new Map(known.units.map((unit, index) => [unit.code, `unit-${index}`]));
    const { cases, errors } = checkLedger(await readLedger(await fixture('csv'), 'csv'), {
      units,
      today: '2026-01-01',
    });
    expect(errors).toEqual([]);
    expect(totalLedger(cases)).toEqual(known.ledger);
  }, 30_000);
});
