import { addDays, isIsoDate } from '../../domain/dates.js';
import { disputeCategories } from '../../domain/vocabulary.js';
import { type AnnualDimension, annualDimensions } from '../../use-cases/annual-table/annual-source.js';
import type { AnnualTableFilter } from '../../use-cases/annual-table/compute-annual-table.js';

/** What the annual table's form sent, kept as typed so the page can show it back. */
export interface AnnualTableForm {
  from: string;
  to: string;
  unitId: string;
  category: string;
  mediator: string;
  by: string;
}

export type AnnualTableErrors = Partial<Record<keyof AnnualTableForm, string>>;

const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A real calendar day (2022-02-30 is not one). */
const validDate = (value: string) => /^\d{4}-\d{2}-\d{2}$/.test(value) && isIsoDate(value);

/**
 * The form's query as a filter, or the fields that are wrong with the reason in Chinese. An empty
 * period is the current year up to today.
 */
export function readAnnualTableForm(
  query: Record<string, string | undefined>,
  today: string,
): { form: AnnualTableForm; filter?: AnnualTableFilter; by?: AnnualDimension; errors: AnnualTableErrors } {
  const text = (name: string) => (query[name] ?? '').trim();
  const form: AnnualTableForm = {
    from: text('from') || `${today.slice(0, 4)}-01-01`,
    to: text('to') || today,
    unitId: text('unitId'),
    category: text('category'),
    mediator: text('mediator'),
    by: text('by') || 'unit',
  };
  const errors: AnnualTableErrors = {};
  if (!validDate(form.from)) errors.from = '请填写有效日期（年-月-日）';
  if (!validDate(form.to)) errors.to = '请填写有效日期（年-月-日）';
  if (!errors.from && !errors.to && form.from > form.to) errors.to = '截止日期不能早于起始日期';
  if (!errors.from && !errors.to && form.to > addDays(form.from, 3660)) errors.to = '统计期间最长十年';
  if (form.unitId && !uuid.test(form.unitId)) errors.unitId = '请从列表中选择单位';
  if (form.category && !(disputeCategories as readonly string[]).includes(form.category))
    errors.category = '请从列表中选择纠纷类别';
  if (form.mediator.length > 50) errors.mediator = '调解员姓名最多50个字';
  if (!(annualDimensions as readonly string[]).includes(form.by)) errors.by = '请从列表中选择分组方式';
  if (Object.keys(errors).length > 0) return { form, errors };
  return {
    form,
    errors,
    by: form.by as AnnualDimension,
    filter: {
      from: form.from,
      to: form.to,
      ...(form.unitId ? { unitId: form.unitId } : {}),
      ...(form.category ? { category: form.category } : {}),
      ...(form.mediator ? { mediator: form.mediator } : {}),
    },
  };
}
