import { type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { addDays, chinaDateOf, startOfChinaDayEpochMilliseconds } from '../../domain/dates.js';
import { stageLabelsZh } from '../../domain/stages.js';
import {
  caseSourceLabelsZh,
  dispositionLabelsZh,
  disputeCategoryLabelsZh,
  triageClassLabelsZh,
} from '../../domain/vocabulary.js';
import { maskIdNumber, maskPhone } from '../cases/masking.js';
import { everOverdueCase, timestamp } from './deadline-conditions.js';
import { narrowScope, type SupervisionScope } from './scope.js';
import { type Column, yuan } from './tabular-export.js';

/** Which cases a ledger (台账) lists: the case list's filters, without paging. */
export interface LedgerFilter {
  stage?: string;
  triageClass?: string;
  category?: string;
  source?: string;
  /** A unit and the units below it; must be within the scope. */
  unitId?: string;
  assigneeId?: string;
  overdue?: 'true' | 'false';
  /** First and last registration day, inclusive (China time). */
  registeredFrom?: string;
  registeredTo?: string;
  /** Text in the summary or a party's name. */
  q?: string;
}

interface LedgerParty {
  name: string;
  role: string;
  idNumber: string | null;
  phone: string | null;
}

/** One line of the ledger. Money in fen; dates as China calendar days. */
interface LedgerRow {
  caseNumber: string;
  registeredDate: string;
  source: string;
  category: string | null;
  triageClass: string | null;
  stage: string;
  unitName: string | null;
  assigneeName: string | null;
  parties: LedgerParty[];
  claimAmountFen: number | null;
  amountFen: number | null;
  disposition: string | null;
  closedDate: string | null;
  /** Overdue now, or ever overdue while it ran. */
  everOverdue: boolean;
  referralKind: string | null;
  courtFeeSavedFen: number | null;
  summary: string;
}

const roleLabelsZh: Record<string, string> = {
  applicant: '申请人',
  respondent: '被申请人',
  agent: '代理人',
  third_party: '第三人',
};
const referralKindLabelsZh: Record<string, string> = {
  court: '诉调对接',
  prosecution: '检调对接',
  police: '警调对接',
};
const label = (labels: Record<string, string>, value: string | null) =>
  value === null ? '' : (labels[value] ?? value);

/** 王芳（申请人，身份证150702********1234，电话138****1111）；李强（被申请人） */
export function describeParties(parties: readonly LedgerParty[]): string {
  return parties
    .map((party) => {
      const details = [roleLabelsZh[party.role] ?? party.role];
      if (party.idNumber) details.push(`证件号${party.idNumber}`);
      if (party.phone) details.push(`电话${party.phone}`);
      return `${party.name}（${details.join('，')}）`;
    })
    .join('；');
}

/** The ledger's columns with their zh-CN headers, in order. */
export const ledgerColumns: readonly Column<LedgerRow>[] = [
  { header: '案件编号', value: (r) => r.caseNumber, width: 20 },
  { header: '登记日期', value: (r) => r.registeredDate, width: 12 },
  { header: '来源', value: (r) => label(caseSourceLabelsZh, r.source), width: 14 },
  { header: '类别', value: (r) => label(disputeCategoryLabelsZh, r.category), width: 14 },
  { header: '分级', value: (r) => label(triageClassLabelsZh, r.triageClass), width: 8 },
  { header: '状态', value: (r) => label(stageLabelsZh, r.stage), width: 8 },
  { header: '承办单位', value: (r) => r.unitName ?? '', width: 20 },
  { header: '调解员', value: (r) => r.assigneeName ?? '', width: 12 },
  { header: '当事人', value: (r) => describeParties(r.parties), width: 60 },
  { header: '标的额(元)', value: (r) => yuan(r.claimAmountFen), numberFormat: '0.00' },
  { header: '协议金额(元)', value: (r) => yuan(r.amountFen), numberFormat: '0.00' },
  { header: '处理结果', value: (r) => label(dispositionLabelsZh, r.disposition), width: 20 },
  { header: '结案日期', value: (r) => r.closedDate ?? '', width: 12 },
  { header: '是否超期', value: (r) => (r.everOverdue ? '是' : '否'), width: 8 },
  { header: '对接类型', value: (r) => label(referralKindLabelsZh, r.referralKind), width: 10 },
  { header: '节约诉讼费(元)', value: (r) => yuan(r.courtFeeSavedFen), numberFormat: '0.00' },
  { header: '纠纷简要情况', value: (r) => r.summary, width: 60 },
];

interface CaseRow extends Record<string, unknown> {
  case_number: string;
  registered_at: Date | string;
  registered_micros: string;
  source: string;
  category: string | null;
  triage_class: string | null;
  stage: string;
  unit_name: string | null;
  assignee_name: string | null;
  claim_amount_fen: string | null;
  amount_fen: string | null;
  disposition: string | null;
  closed_at: Date | string | null;
  ever_overdue: boolean;
  referral_kind: string | null;
  court_fee_saved_fen: string | null;
  summary: string;
}

interface PartyRow extends Record<string, unknown> {
  case_number: string;
  name: string;
  role: string;
  id_number: string | null;
  phone: string | null;
}

function conditionsOf(units: SupervisionScope, filter: LedgerFilter): SQL[] {
  const conditions: SQL[] = [];
  if (units !== 'all') conditions.push(sql`c.unit_id = any(${sql.param([...units])}::uuid[])`);
  if (filter.stage) conditions.push(sql`c.stage = ${filter.stage}`);
  if (filter.triageClass) conditions.push(sql`c.triage_class = ${filter.triageClass}`);
  if (filter.category) conditions.push(sql`c.category = ${filter.category}`);
  if (filter.source) conditions.push(sql`c.source = ${filter.source}`);
  if (filter.assigneeId) conditions.push(sql`c.assignee_id = ${filter.assigneeId}`);
  if (filter.overdue) conditions.push(sql`c.overdue = ${filter.overdue === 'true'}`);
  if (filter.registeredFrom) {
    const from = new Date(startOfChinaDayEpochMilliseconds(filter.registeredFrom));
    conditions.push(sql`c.registered_at >= ${timestamp(from)}`);
  }
  if (filter.registeredTo) {
    const to = new Date(startOfChinaDayEpochMilliseconds(addDays(filter.registeredTo, 1)));
    conditions.push(sql`c.registered_at < ${timestamp(to)}`);
  }
  if (filter.q) {
    const pattern = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(sql`(c.summary ilike ${pattern} or exists (
      select 1 from parties p where p.case_number = c.case_number and p.name ilike ${pattern}))`);
  }
  return conditions;
}

const asTime = (value: Date | string) => (value instanceof Date ? value : new Date(value)).getTime();
const fenOf = (value: string | null) => (value === null ? null : Number(value));

/**
 * The ledger of the cases in `scope` matching `filter`, newest registration first, in pages of
 * `pageSize` (keyset over registered_at and case number, so memory stays flat however long it is).
 * ID and phone numbers are masked unless `fullContactDetails` (admins only, in the API).
 */
export async function* ledgerPages(
  db: Database,
  scope: SupervisionScope,
  filter: LedgerFilter,
  options: { fullContactDetails: boolean; pageSize?: number },
): AsyncGenerator<LedgerRow[]> {
  const units = await narrowScope(db, scope, filter.unitId, { subtree: true });
  if (units !== 'all' && units.length === 0) return;
  const pageSize = options.pageSize ?? 1000;
  const base = conditionsOf(units, filter);
  let after: { micros: string; caseNumber: string } | undefined;
  for (;;) {
    const conditions = [...base];
    if (after) {
      conditions.push(
        sql`(c.registered_at, c.case_number) < (to_timestamp(0) + ${after.micros}::bigint * interval '1 microsecond', ${after.caseNumber})`,
      );
    }
    const where = conditions.length > 0 ? sql`where ${sql.join(conditions, sql` and `)}` : sql``;
    const rows = await db.execute<CaseRow>(sql`
      select c.case_number, c.registered_at,
             (extract(epoch from c.registered_at) * 1000000)::bigint::text as registered_micros,
             c.source, c.category, c.triage_class, c.stage, u.name as unit_name,
             a.display_name as assignee_name, c.claim_amount_fen::text, c.amount_fen::text, c.disposition,
             c.closed_at,
             ${everOverdueCase} as ever_overdue,
             c.referral_kind, c.court_fee_saved_fen::text, c.summary
        from cases c
        left join units u on u.id = c.unit_id
        left join users a on a.id = c.assignee_id
        ${where}
       order by c.registered_at desc, c.case_number desc
       limit ${pageSize}`);
    if (rows.length === 0) return;
    const partyRows = await db.execute<PartyRow>(sql`
      select case_number, name, role, id_number, phone from parties
       where case_number = any(${sql.param(rows.map((row) => row.case_number))}::text[])
       order by case_number, ordinal`);
    const partiesByCase = new Map<string, LedgerParty[]>();
    for (const party of partyRows) {
      const list = partiesByCase.get(party.case_number) ?? [];
      list.push({
        name: party.name,
        role: party.role,
        idNumber:
          party.id_number && !options.fullContactDetails ? maskIdNumber(party.id_number) : party.id_number,
        phone: party.phone && !options.fullContactDetails ? maskPhone(party.phone) : party.phone,
      });
      partiesByCase.set(party.case_number, list);
    }
    yield rows.map((row) => ({
      caseNumber: row.case_number,
      registeredDate: chinaDateOf(asTime(row.registered_at)),
      source: row.source,
      category: row.category,
      triageClass: row.triage_class,
      stage: row.stage,
      unitName: row.unit_name,
      assigneeName: row.assignee_name,
      parties: partiesByCase.get(row.case_number) ?? [],
      claimAmountFen: fenOf(row.claim_amount_fen),
      amountFen: fenOf(row.amount_fen),
      disposition: row.disposition,
      closedDate: row.closed_at === null ? null : chinaDateOf(asTime(row.closed_at)),
      everOverdue: row.ever_overdue,
      referralKind: row.referral_kind,
      courtFeeSavedFen: fenOf(row.court_fee_saved_fen),
      summary: row.summary,
    }));
    if (rows.length < pageSize) return;
    const last = rows.at(-1)!;
    after = { micros: last.registered_micros, caseNumber: last.case_number };
  }
}
