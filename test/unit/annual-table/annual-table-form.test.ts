import { describe, expect, it } from 'vitest';
import { readAnnualTableForm } from '../../../pages/dashboard/annual-table-input.js';
import {
  annualLines,
  annualServiceLabelsZh,
  annualSourcesOf,
} from '../../../use-cases/annual-table/annual-lines.js';
import { columnLetter } from '../../../use-cases/supervision/tabular-export.js';

describe('the annual table’s registry of lines', () => {
  it('has one line per key, each labelled in Chinese with its unit and how it is counted', () => {
    const keys = annualLines.map((line) => line.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const line of annualLines) {
      expect(line.labelZh, line.key).toMatch(/^[\u4e00-\u9fff（）]+$/);
      expect(line.howCountedZh, line.key).toMatch(/[\u4e00-\u9fff]/);
      expect(annualServiceLabelsZh[line.service], line.key).toBeDefined();
    }
  });

  it('counts every line of the seed’s table from a source, each source by month and by unit', () => {
    expect(annualLines.filter((line) => line.source === null).map((line) => line.key)).toEqual([]);
    for (const source of annualSourcesOf(annualLines))
      expect(source.dimensions, source.key).toEqual(expect.arrayContaining(['month', 'unit']));
    // The grid, conference and enterprise lines read their own ledgers, not the cases.
    const sourceOf = (key: string) => annualLines.find((line) => line.key === key)?.source?.source.key;
    expect(sourceOf('gridLeads')).toBe('gridLeads');
    expect(sourceOf('conferences')).toBe('conferences');
    expect(
      ['enterprisesExamined', 'legalEducationSessions', 'examinationReports', 'manualsHandedOut'].map(
        sourceOf,
      ),
    ).toEqual(Array(4).fill('enterpriseServices'));
  });
});

describe('the annual table form', () => {
  const today = '2026-12-02';

  it('defaults to this year up to today, by unit', () => {
    expect(readAnnualTableForm({}, today)).toMatchObject({
      filter: { from: '2026-01-01', to: today },
      by: 'unit',
      errors: {},
    });
  });

  it('names each wrong field in Chinese and keeps what was typed', () => {
    const read = readAnnualTableForm(
      { from: '2022-02-30', to: '2022-01-01', unitId: 'x', category: 'weather', by: 'planet' },
      today,
    );
    expect(read.filter).toBeUndefined();
    expect(read.form).toMatchObject({ from: '2022-02-30', unitId: 'x' });
    expect(read.errors).toEqual({
      from: '请填写有效日期（年-月-日）',
      unitId: '请从列表中选择单位',
      category: '请从列表中选择纠纷类别',
      by: '请从列表中选择分组方式',
    });
    expect(readAnnualTableForm({ from: '2022-12-31', to: '2022-01-01' }, today).errors).toEqual({
      to: '截止日期不能早于起始日期',
    });
  });
});

describe('spreadsheet column names', () => {
  it('goes A … Z, AA, AZ, BA', () => {
    expect([1, 26, 27, 52, 53].map(columnLetter)).toEqual(['A', 'Z', 'AA', 'AZ', 'BA']);
  });
});
