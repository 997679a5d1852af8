import { type SQL, sql } from 'drizzle-orm';
import type { Database } from '../../db/client.js';
import { addDays, startOfChinaDayEpochMilliseconds } from '../../domain/dates.js';
import { caseSourceLabelsZh, disputeCategoryLabelsZh } from '../../domain/vocabulary.js';
import { everOverdueCase, timestamp } from './deadline-conditions.js';
import { narrowScope, type SupervisionScope } from './scope.js';

/** Which cases the statistics cover. Every field is optional; dates are China calendar days. */
export interface StatisticsFilter {
  /** First registration day, inclusive ('YYYY-MM-DD', China time). */
  from?: string;
  /** Last registration day, inclusive. */
  to?: string;
  /** A unit and every unit below it; must be within the scope. */
  unitId?: string;
  category?: string;
  source?: string;
}

/**
 * The centre's annual table for one group of cases. The cohort is the cases REGISTERED in the period
 * (受理); each measure counts what has become of them so far. Money is integer fen.
 *
 * - peopleServed: sum of cases.parties_count (服务群众人数).
 * - received: cases registered (受理纠纷).
 * - settled: disposition settled_written or settled_oral (调解成功).
 * - concluded: mediation ended here: settled, failed (also when then filed at court, 转立案), withdrawn or
 *   terminated (调结); referred-out and
 *   rejected cases were never mediated by the centre and do not count.
 * - successRate: settled / concluded, 0–1 rounded to 4 places; null when nothing is concluded.
 * - amountSettledFen: sum of amount_fen of settled cases (涉及金额).
 * - claimAmountFen, claimCount: sum of claim_amount_fen (标的额, recorded at intake or with a court
 *   referral) over the cases received, and how many of them have one; next to the agreement amounts.
 * - court*: referral_kind 'court' (诉调对接): received, settled, and court fees saved (sum of
 *   court_fee_saved_fen, which the projection fills for settled court referrals).
 * - prosecution*: referral_kind 'prosecution' (检调对接): received, settled, sum of amount_fen of the
 *   settled, and the procuratorates' decisions counted by institution_decision.
 * - settledOnline: settled cases that came in online or through WeChat (网上调解成功).
 * - averageDurationDays, p90DurationDays: registered_at → settled_at (settled) or closed_at (others), in
 *   days to one decimal, over cases that have reached that point; null when none has.
 * - overdueNow: cases with a deadline overdue at this moment (cases.overdue).
 * - everOverdue: cases that have ever had a deadline go overdue (a deadline_overdue event, or overdue now).
 * - ratings: the parties' follow-up ratings of these cases on the public channel (回访满意度评价, 1–5;
 *   one per case and phone), whenever given; averageSatisfaction: their mean score, to two places, null
 *   when none. A rating counts with its case's registration period, unit and mediator (the assignee).
 */
export interface StatisticsMeasures {
  peopleServed: number;
  received: number;
  settled: number;
  concluded: number;
  successRate: number | null;
  amountSettledFen: number;
  claimAmountFen: number;
  claimCount: number;
  courtReceived: number;
  courtSettled: number;
  courtFeeSavedFen: number;
  prosecutionReceived: number;
  prosecutionSettled: number;
  prosecutionAmountFen: number;
  prosecutionDecisions: Record<string, number>;
  settledOnline: number;
  averageDurationDays: number | null;
  p90DurationDays: number | null;
  overdueNow: number;
  everOverdue: number;
  ratings: number;
  averageSatisfaction: number | null;
}

export interface StatisticsReport {
  filter: StatisticsFilter;
  /** 'all' for an admin, else the unit ids the report covers. */
  units: 'all' | string[];
  generatedAt: string;
  totals: StatisticsMeasures;
  /** By month of registration (China time); every month from `from` to `to` when both are given. */
  byMonth: (StatisticsMeasures & { month: string })[];
  byUnit: (StatisticsMeasures & { unitId: string | null; unitName: string | null })[];
  byCategory: (StatisticsMeasures & { category: string | null; categoryZh: string })[];
  bySource: (StatisticsMeasures & { source: string; sourceZh: string })[];
  /** By mediator (the case's assignee; null for cases never assigned). */
  byMediator: (StatisticsMeasures & { mediatorId: string | null; mediatorName: string | null })[];
}

type Dimension = 'month' | 'unit' | 'category' | 'source' | 'mediator';

interface MeasureRow extends Record<string, unknown> {
  dimension: Dimension | 'total';
  month: string | null;
  unit_id: string | null;
  category: string | null;
  source: string | null;
  assignee_id: string | null;
  people_served: string;
  received: number;
  settled: number;
  concluded: number;
  amount_settled_fen: string;
  claim_amount_fen: string;
  claim_count: number;
  court_received: number;
  court_settled: number;
  court_fee_saved_fen: string;
  prosecution_received: number;
  prosecution_settled: number;
  prosecution_amount_fen: string;
  settled_online: number;
  average_duration_days: number | null;
  p90_duration_days: number | null;
  overdue_now: number;
  ever_overdue: number;
  ratings: number;
  average_satisfaction: number | null;
}

interface DecisionRow extends Record<string, unknown> {
  dimension: Dimension | 'total';
  month: string | null;
  unit_id: string | null;
  category: string | null;
  source: string | null;
  assignee_id: string | null;
  decision: string;
  count: number;
}

const dimensionOf = sql`case
  when grouping(month) = 0 then 'month' when grouping(unit_id) = 0 then 'unit'
  when grouping(category) = 0 then 'category' when grouping(source) = 0 then 'source'
  when grouping(assignee_id) = 0 then 'mediator' else 'total' end`;
const groupingSets = sql`grouping sets ((), (month), (unit_id), (category), (source), (assignee_id))`;

function cohort(conditions: SQL[]): SQL {
  const where = conditions.length > 0 ? sql`where ${sql.join(conditions, sql` and `)}` : sql``;
  return sql`select c.*,
      to_char((c.registered_at at time zone 'UTC') + interval '8 hours', 'YYYY-MM') as month,
      c.disposition in ('settled_written', 'settled_oral') as is_settled,
      c.disposition in ('settled_written', 'settled_oral', 'failed', 'withdrawn', 'terminated',
        'transferred_for_filing') as is_concluded,
      extract(epoch from (case when c.disposition in ('settled_written', 'settled_oral')
                               then c.settled_at else c.closed_at end) - c.registered_at) / 86400.0
        as duration_days,
      ${everOverdueCase} as ever_overdue,
      coalesce(r.rating_count, 0) as rating_count,
      coalesce(r.rating_sum, 0) as rating_sum
    from cases c
    left join (select case_number, count(*) as rating_count, sum(score) as rating_sum
                 from party_ratings group by case_number) r on r.case_number = c.case_number
    ${where}`;
}

const round = (value: number | null, places: number) =>
  value === null ? null : Math.round(Number(value) * 10 ** places) / 10 ** places;

function measures(row: MeasureRow | undefined, decisions: Record<string, number>): StatisticsMeasures {
  const settled = Number(row?.settled ?? 0);
  const concluded = Number(row?.concluded ?? 0);
  return {
    peopleServed: Number(row?.people_served ?? 0),
    received: Number(row?.received ?? 0),
    settled,
    concluded,
    successRate: concluded > 0 ? round(settled / concluded, 4) : null,
    amountSettledFen: Number(row?.amount_settled_fen ?? 0),
    claimAmountFen: Number(row?.claim_amount_fen ?? 0),
    claimCount: Number(row?.claim_count ?? 0),
    courtReceived: Number(row?.court_received ?? 0),
    courtSettled: Number(row?.court_settled ?? 0),
    courtFeeSavedFen: Number(row?.court_fee_saved_fen ?? 0),
    prosecutionReceived: Number(row?.prosecution_received ?? 0),
    prosecutionSettled: Number(row?.prosecution_settled ?? 0),
    prosecutionAmountFen: Number(row?.prosecution_amount_fen ?? 0),
    prosecutionDecisions: decisions,
    settledOnline: Number(row?.settled_online ?? 0),
    averageDurationDays: round(row?.average_duration_days ?? null, 1),
    p90DurationDays: round(row?.p90_duration_days ?? null, 1),
    overdueNow: Number(row?.overdue_now ?? 0),
    everOverdue: Number(row?.ever_overdue ?? 0),
    ratings: Number(row?.ratings ?? 0),
    averageSatisfaction: round(row?.average_satisfaction ?? null, 2),
  };
}

/** Every month 'YYYY-MM' from the month of `from` to the month of `to` (at most ten years). */
export function monthsBetween(from: string, to: string): string[] {
  const months: string[] = [];
  let year = Number(from.slice(0, 4));
  let month = Number(from.slice(5, 7));
  const last = to.slice(0, 7);
  for (let guard = 0; guard < 120; guard += 1) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    if (key > last) break;
    months.push(key);
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return months;
}

function groupKey(
  dimension: string,
  row: {
    month: string | null;
    unit_id: string | null;
    category: string | null;
    source: string | null;
    assignee_id: string | null;
  },
) {
  const value =
    dimension === 'month'
      ? row.month
      : dimension === 'unit'
        ? row.unit_id
        : dimension === 'category'
          ? row.category
          : dimension === 'source'
            ? row.source
            : dimension === 'mediator'
              ? row.assignee_id
              : '';
  return `${dimension}:${value ?? ''}`;
}

/**
 * The statistics of the cases in `scope` (unit ids, or 'all') that match `filter`: the totals and the
 * same measures by month, unit, category and source, in two passes over the cases (GROUPING SETS).
 * Imported legacy cases count like any other. Called by GET /v1/statistics, its export, the dashboard
 * and the legacy-import test.
 */
export async function computeStatistics(
  db: Database,
  scope: SupervisionScope,
  filter: StatisticsFilter = {},
): Promise<StatisticsReport> {
  const units = await narrowScope(db, scope, filter.unitId, { subtree: true });
  const conditions: SQL[] = [];
  if (units !== 'all') conditions.push(sql`c.unit_id = any(${sql.param([...units])}::uuid[])`);
  if (filter.from)
    conditions.push(
      sql`c.registered_at >= ${timestamp(new Date(startOfChinaDayEpochMilliseconds(filter.from)))}`,
    );
  if (filter.to)
    conditions.push(
      sql`c.registered_at < ${timestamp(new Date(startOfChinaDayEpochMilliseconds(addDays(filter.to, 1))))}`,
    );
  if (filter.category) conditions.push(sql`c.category = ${filter.category}`);
  if (filter.source) conditions.push(sql`c.source = ${filter.source}`);

  const [rows, decisionRows] = await Promise.all([
    db.execute<MeasureRow>(sql`
      with cohort as (${cohort(conditions)})
      select ${dimensionOf} as dimension, month, unit_id, category, source, assignee_id,
             coalesce(sum(parties_count), 0)::text as people_served,
             count(*)::int as received,
             count(*) filter (where is_settled)::int as settled,
             count(*) filter (where is_concluded)::int as concluded,
             coalesce(sum(amount_fen) filter (where is_settled), 0)::text as amount_settled_fen,
             coalesce(sum(claim_amount_fen), 0)::text as claim_amount_fen,
             count(claim_amount_fen)::int as claim_count,
             count(*) filter (where referral_kind = 'court')::int as court_received,
             count(*) filter (where referral_kind = 'court' and is_settled)::int as court_settled,
             coalesce(sum(court_fee_saved_fen) filter (where referral_kind = 'court'), 0)::text
               as court_fee_saved_fen,
             count(*) filter (where referral_kind = 'prosecution')::int as prosecution_received,
             count(*) filter (where referral_kind = 'prosecution' and is_settled)::int as prosecution_settled,
             coalesce(sum(amount_fen) filter (where referral_kind = 'prosecution' and is_settled), 0)::text
               as prosecution_amount_fen,
             count(*) filter (where source in ('online', 'wechat') and is_settled)::int as settled_online,
             avg(duration_days)::float8 as average_duration_days,
             percentile_cont(0.9) within group (order by duration_days)::float8 as p90_duration_days,
             count(*) filter (where overdue)::int as overdue_now,
             count(*) filter (where ever_overdue)::int as ever_overdue,
             coalesce(sum(rating_count), 0)::int as ratings,
             (sum(rating_sum)::float8 / nullif(sum(rating_count), 0)) as average_satisfaction
        from cohort
       group by ${groupingSets}`),
    db.execute<DecisionRow>(sql`
      with cohort as (${cohort([...conditions, sql`c.referral_kind = 'prosecution'`, sql`c.institution_decision is not null`])})
      select ${dimensionOf} as dimension, month, unit_id, category, source, assignee_id,
             institution_decision as decision, count(*)::int as count
        from cohort
       group by institution_decision, ${groupingSets}`),
  ]);

  const decisions = new Map<string, Record<string, number>>();
  for (const row of decisionRows) {
    const key = groupKey(row.dimension, row);
    const tally = decisions.get(key) ?? {};
    tally[row.decision] = Number(row.count);
    decisions.set(key, tally);
  }
  const measuresOf = (row: MeasureRow | undefined, dimension: string, key: Parameters<typeof groupKey>[1]) =>
    measures(row, decisions.get(groupKey(dimension, key)) ?? {});
  const of = (dimension: Dimension) => rows.filter((row) => row.dimension === dimension);

  const unitIds = of('unit')
    .map((row) => row.unit_id)
    .filter((id): id is string => id !== null);
  const unitNames = new Map<string, string>();
  if (unitIds.length > 0) {
    const named = await db.execute<{ id: string; name: string }>(
      sql`select id, name from units where id = any(${sql.param(unitIds)}::uuid[])`,
    );
    for (const unit of named) unitNames.set(unit.id, unit.name);
  }

  const byMonthRows = new Map(of('month').map((row) => [row.month!, row]));
  const months =
    filter.from && filter.to ? monthsBetween(filter.from, filter.to) : [...byMonthRows.keys()].sort();
  const none = { month: null, unit_id: null, category: null, source: null, assignee_id: null };
  const mediatorIds = of('mediator')
    .map((row) => row.assignee_id)
    .filter((id): id is string => id !== null);
  const mediatorNames = new Map<string, string>();
  if (mediatorIds.length > 0) {
    const named = await db.execute<{ id: string; display_name: string }>(
      sql`select id, display_name from users where id = any(${sql.param(mediatorIds)}::uuid[])`,
    );
    for (const user of named) mediatorNames.set(user.id, user.display_name);
  }

  return {
    filter,
    units: units === 'all' ? 'all' : [...units],
    generatedAt: new Date().toISOString(),
    totals: measuresOf(
      rows.find((row) => row.dimension === 'total'),
      'total',
      none,
    ),
    byMonth: months.map((month) => ({
      month,
      ...measuresOf(byMonthRows.get(month), 'month', { ...none, month }),
    })),
    byUnit: of('unit')
      .map((row) => ({
        unitId: row.unit_id,
        unitName: row.unit_id ? (unitNames.get(row.unit_id) ?? null) : null,
        ...measuresOf(row, 'unit', row),
      }))
      .sort((a, b) => b.received - a.received),
    byCategory: of('category')
      .map((row) => ({
        category: row.category,
        categoryZh: row.category
          ? (disputeCategoryLabelsZh[row.category as keyof typeof disputeCategoryLabelsZh] ?? row.category)
          : '未分类',
        ...measuresOf(row, 'category', row),
      }))
      .sort((a, b) => b.received - a.received),
    bySource: of('source')
      .map((row) => ({
        source: row.source!,
        sourceZh: caseSourceLabelsZh[row.source as keyof typeof caseSourceLabelsZh] ?? row.source!,
        ...measuresOf(row, 'source', row),
      }))
      .sort((a, b) => b.received - a.received),
    byMediator: of('mediator')
      .map((row) => ({
        mediatorId: row.assignee_id,
        mediatorName: row.assignee_id ? (mediatorNames.get(row.assignee_id) ?? null) : null,
        ...measuresOf(row, 'mediator', row),
      }))
      .sort((a, b) => b.received - a.received),
  };
}
