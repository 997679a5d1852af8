import { feeSavedByMediationFen } from '../../domain/court-fees.js';
import {
  type CaseSource,
  type Disposition,
  type DisputeCategory,
  disputeCategoryLabelsZh,
  isSettled,
  type TriageClass,
} from '../../domain/vocabulary.js';
import type { PartyInput } from '../../workflows/case.messages.js';
import {
  type CourtReferralType,
  type LedgerField,
  ledgerColumns,
  type ProsecutionDecision,
  vocabularies,
} from './ledger-columns.js';
import {
  type Parsed,
  parseCount,
  parseLedgerDate,
  parseParties,
  parseYesNo,
  parseYuan,
} from './ledger-values.js';

/** One row of the ledger, checked and in our codes. */
export interface LedgerCase {
  /** The spreadsheet row (the header is row 1). */
  row: number;
  ledgerNumber: string;
  registeredOn: string;
  source: CaseSource;
  category: DisputeCategory;
  triageClass: TriageClass | null;
  summary: string;
  unitId: string;
  unitCode: string;
  mediatorName: string | null;
  parties: PartyInput[];
  partiesCount: number;
  claimAmountFen: number | null;
  disposition: Disposition;
  agreementAmountFen: number | null;
  closedOn: string;
  court: { type: CourtReferralType; courtName: string | null; feeSavedFen: number | null } | null;
  prosecution: { decision: ProsecutionDecision | null } | null;
  online: boolean;
  /** The day the case's conference (研) sat, when the ledger records one. */
  conferenceOn: string | null;
}

export interface LedgerRowError {
  row: number;
  /** The zh header of the column, or '' for an error about the whole row. */
  column: string;
  reason: string;
}

interface LedgerCheckContext {
  /** Unit code → unit id, of every unit in the system. */
  units: ReadonlyMap<string, string>;
  /** Today (China date): nothing in a ledger happened after it. */
  today: string;
}

interface LedgerCheck {
  cases: LedgerCase[];
  errors: LedgerRowError[];
}

type Columns = Partial<Record<LedgerField, number>>;

function findColumns(header: readonly string[], errors: LedgerRowError[]): Columns {
  const columns: Columns = {};
  const byHeader = new Map<string, number>();
  header.forEach((text, index) => {
    const key = text.normalize('NFKC').replace(/\s/g, '');
    if (key === '') return;
    if (byHeader.has(key)) errors.push({ row: 1, column: text, reason: `表头「${text}」重复` });
    else byHeader.set(key, index);
  });
  for (const [field, column] of Object.entries(ledgerColumns) as [
    LedgerField,
    { header: string; required: boolean },
  ][]) {
    const index = byHeader.get(column.header.normalize('NFKC'));
    if (index !== undefined) columns[field] = index;
    else if (column.required)
      errors.push({ row: 1, column: column.header, reason: `缺少必填列「${column.header}」` });
  }
  return columns;
}

/** Check one data row; every problem in it is reported, not just the first. */
function checkRow(
  cells: readonly string[],
  row: number,
  columns: Columns,
  context: LedgerCheckContext,
  errors: LedgerRowError[],
): LedgerCase | undefined {
  const before = errors.length;
  const text = (field: LedgerField) => {
    const index = columns[field];
    return index === undefined ? '' : (cells[index] ?? '').trim();
  };
  const report = (field: LedgerField, reason: string) =>
    errors.push({ row, column: ledgerColumns[field].header, reason });
  /** A cell's value; undefined when it is bad (the reason is reported). */
  const parse = <T>(
    field: LedgerField,
    value: string,
    parser: (value: string) => Parsed<T>,
  ): T | undefined => {
    const parsed = parser(value);
    if (parsed.ok) return parsed.value;
    report(field, parsed.reason);
    return undefined;
  };
  /** A cell that must not be blank. */
  const required = <T>(field: LedgerField, parser: (value: string) => Parsed<T>): T | undefined => {
    const value = text(field);
    if (value !== '') return parse(field, value, parser);
    report(field, '必填');
    return undefined;
  };
  /** A cell that may be blank: null then. */
  const optional = <T>(field: LedgerField, parser: (value: string) => Parsed<T>): T | null | undefined => {
    const value = text(field);
    return value === '' ? null : parse(field, value, parser);
  };
  const label =
    <C extends string>(vocabulary: { find(text: string): C | undefined; labels: string[] }) =>
    (value: string): Parsed<C> => {
      const code = vocabulary.find(value);
      return code
        ? { ok: true, value: code }
        : { ok: false, reason: `「${value}」不在可选值中：${vocabulary.labels.join('、')}` };
    };

  const ledgerNumber = required('caseNumber', (value) =>
    value.length <= 60 ? { ok: true, value } : { ok: false, reason: '案件编号至多60个字符' },
  );
  const registeredOn = required('registeredOn', parseLedgerDate);
  const source = required('source', label(vocabularies.source));
  const category = required('category', label(vocabularies.category));
  const triageClass = optional('triageClass', label(vocabularies.triageClass));
  const summary = optional(
    'summary',
    (value): Parsed<string> =>
      value.length <= 4000 ? { ok: true, value } : { ok: false, reason: '至多4000字' },
  );
  const unitCode = required('unitCode', (value) =>
    context.units.has(value)
      ? { ok: true, value }
      : { ok: false, reason: `系统中没有编码为「${value}」的单位` },
  );
  const anyText = (value: string): Parsed<string> => ({ ok: true, value });
  const mediatorName = optional('mediatorName', anyText);
  const parties = required('parties', parseParties);
  const partiesCount = optional('partiesCount', parseCount);
  const claimAmountFen = optional('claimAmount', parseYuan);
  const disposition = required('disposition', label(vocabularies.disposition));
  const agreementAmountFen = optional('agreementAmount', parseYuan);
  const closedOn = required('closedOn', parseLedgerDate);
  const courtFlag = optional('courtReferral', parseYesNo);
  const courtType = optional('courtReferralType', label(vocabularies.courtReferralType));
  const courtName = optional('courtName', anyText);
  const feeSavedFen = optional('courtFeeSaved', parseYuan);
  const prosecutionFlag = optional('prosecutionReferral', parseYesNo);
  const prosecutionDecision = optional('prosecutionDecision', label(vocabularies.prosecutionDecision));
  const online = optional('online', parseYesNo);
  const conferenceOn = optional('conferenceOn', parseLedgerDate);

  if (registeredOn && registeredOn > context.today) report('registeredOn', `登记日期${registeredOn}晚于今天`);
  if (closedOn && closedOn > context.today) report('closedOn', `结案日期${closedOn}晚于今天`);
  if (registeredOn && closedOn && closedOn < registeredOn)
    report('closedOn', `结案日期${closedOn}早于登记日期${registeredOn}`);
  if (conferenceOn && registeredOn && conferenceOn < registeredOn)
    report('conferenceOn', `研判会日期${conferenceOn}早于登记日期${registeredOn}`);
  if (conferenceOn && closedOn && conferenceOn > closedOn)
    report('conferenceOn', `研判会日期${conferenceOn}晚于结案日期${closedOn}`);
  if (parties && typeof partiesCount === 'number' && partiesCount < parties.length) {
    report('partiesCount', `当事人人数${partiesCount}少于列出的${parties.length}人`);
  }
  const settled = disposition ? isSettled(disposition) : false;
  if (disposition && !settled && typeof agreementAmountFen === 'number') {
    report('agreementAmount', '只有调解成功的案件才有协议金额');
  }

  const isCourt = source === 'court';
  if (source && typeof courtFlag === 'boolean' && courtFlag !== isCourt) {
    report(
      'courtReferral',
      courtFlag ? '来源不是「法院委派/委托」，不能标为法院案件' : '来源为「法院委派/委托」，应为「是」',
    );
  }
  if (isCourt && courtType === null) report('courtReferralType', '法院案件须注明「委派」或「委托」');
  if (source && !isCourt && courtType) report('courtReferralType', '只有法院案件才有委派类型');
  if (source && !isCourt && courtName) report('courtName', '只有法院案件才有委派法院');
  if (typeof feeSavedFen === 'number' && !(isCourt && settled))
    report('courtFeeSaved', '只有调解成功的法院案件才节约诉讼费');

  const isProsecution = source === 'procuratorate';
  if (source && typeof prosecutionFlag === 'boolean' && prosecutionFlag !== isProsecution) {
    report(
      'prosecutionReferral',
      prosecutionFlag ? '来源不是「检察院移送」，不能标为检察院案件' : '来源为「检察院移送」，应为「是」',
    );
  }
  if (source && !isProsecution && prosecutionDecision)
    report('prosecutionDecision', '只有检察院移送的案件才有检察院决定');

  if (errors.length > before) return undefined;
  const court = isCourt
    ? {
        type: courtType!,
        courtName: courtName ?? null,
        feeSavedFen:
          settled && feeSavedFen === null && claimAmountFen !== null
            ? feeSavedByMediationFen(claimAmountFen!, {
                filedBeforeMediation: courtType === 'entrusted',
                simpleProcedure: false,
              })
            : settled
              ? (feeSavedFen ?? null)
              : null,
      }
    : null;
  return {
    row,
    ledgerNumber: ledgerNumber!,
    registeredOn: registeredOn!,
    source: source!,
    category: category!,
    triageClass: triageClass ?? null,
    summary: summary ?? `${disputeCategoryLabelsZh[category!]}（历史台账导入）`,
    unitId: context.units.get(unitCode!)!,
    unitCode: unitCode!,
    mediatorName: mediatorName ?? null,
    parties: parties!,
    partiesCount: partiesCount ?? parties!.length,
    claimAmountFen: claimAmountFen ?? null,
    disposition: disposition!,
    agreementAmountFen: settled ? (agreementAmountFen ?? null) : null,
    closedOn: closedOn!,
    court,
    prosecution: isProsecution ? { decision: prosecutionDecision ?? null } : null,
    online: online === true,
    conferenceOn: conferenceOn ?? null,
  };
}

/**
 * Check every row of a ledger (row 1 is the header). Empty rows are skipped. A case number used twice in
 * the file is an error on the later row.
 */
export function checkLedger(
  records: readonly (readonly string[])[],
  context: LedgerCheckContext,
): LedgerCheck {
  const errors: LedgerRowError[] = [];
  const [header, ...rows] = records;
  if (!header) return { cases: [], errors: [{ row: 1, column: '', reason: '文件为空：第1行应为表头' }] };
  const columns = findColumns(header, errors);
  if (errors.length > 0) return { cases: [], errors };
  const cases: LedgerCase[] = [];
  const firstRowOf = new Map<string, number>();
  rows.forEach((cells, index) => {
    const row = index + 2;
    if (cells.every((cell) => cell.trim() === '')) return;
    const checked = checkRow(cells, row, columns, context, errors);
    if (!checked) return;
    const earlier = firstRowOf.get(checked.ledgerNumber);
    if (earlier !== undefined) {
      errors.push({ row, column: ledgerColumns.caseNumber.header, reason: `案件编号与第${earlier}行重复` });
      return;
    }
    firstRowOf.set(checked.ledgerNumber, row);
    cases.push(checked);
  });
  if (cases.length === 0 && errors.length === 0) errors.push({ row: 2, column: '', reason: '没有数据行' });
  return { cases, errors };
}
