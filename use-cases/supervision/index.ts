/**
 * Supervision use-cases: what the API's /v1/supervision and /v1/statistics routes call, and what the
 * dashboard pages call. Every reader takes a scope — resolveSupervisionScope(db, principal) for a
 * request, or 'all' / a list of unit ids — and applies the same rules whoever calls it.
 */
export { countSupervisedDeadlines, type DeadlineCounts, type SupervisionCounts } from './count-deadlines.js';
export {
  type AtRiskThresholds,
  type DeadlineFilter,
  defaultAtRiskThresholds,
} from './deadline-conditions.js';
export { deadlineKindLabelsZh, deadlineKindLabelZh, describeLateness } from './deadline-kinds.js';
export { type LedgerFilter, type LedgerRow, ledgerColumns, ledgerPages } from './ledger.js';
export {
  type AtRiskPageRequest,
  type DeadlinePage,
  type DeadlinePageRequest,
  listAtRiskDeadlines,
  listOverdueDeadlines,
  type SupervisedDeadline,
} from './list-deadlines.js';
export {
  narrowScope,
  resolveSupervisionScope,
  type SupervisionScope,
  scopeIncludes,
  unitSubtree,
} from './scope.js';
export {
  computeStatistics,
  type StatisticsFilter,
  type StatisticsMeasures,
  type StatisticsReport,
} from './statistics.js';
export { statisticsCsvSheet, statisticsMeasureColumns, statisticsXlsxSheets } from './statistics-export.js';
export {
  explainSupervisionOrder,
  issueSupervisionOrder,
  type SupervisionOrderDependencies,
  type SupervisionOrderResult,
} from './supervision-orders.js';
export { csvStream, xlsxStream } from './tabular-export.js';
