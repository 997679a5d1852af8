import type { TransitionName } from '../../domain/transition-table.js';
import { disputeCategories, triageClasses } from '../../domain/vocabulary.js';
import type { TransitionInputs } from '../../use-cases/cases/apply-transition.js';
import { type FieldErrors, FormReader, type FormValues } from './form-values.js';

type Parsed<T extends TransitionName> =
  | { ok: true; input: TransitionInputs[T] }
  | { ok: false; errors: FieldErrors };

const optional = <K extends string, V>(key: K, value: V | undefined) =>
  (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };

/**
 * The input of each transition from its form on the case page, with a Chinese reason for each field
 * that cannot be read. The workflow's validators decide everything else (stage, role, assignee).
 */
const readers: { [T in TransitionName]: (form: FormReader) => TransitionInputs[T] | undefined } = {
  triage: (form) => {
    const triageClass = form.choice('triageClass', '分级', triageClasses);
    const category = form.choice('category', '纠纷类别', disputeCategories);
    const note = form.text('note', '说明', 2000, false);
    return triageClass && category ? { triageClass, category, ...optional('note', note) } : undefined;
  },
  assign: (form) => {
    const mediatorId = form.values.mediatorId ?? '';
    if (!/^[0-9a-f-]{36}$/i.test(mediatorId)) form.fail('mediatorId', '请从调解员名单中选择一位调解员');
    const unitId = form.values.unitId ?? '';
    if (unitId && !/^[0-9a-f-]{36}$/i.test(unitId)) form.fail('unitId', '请从单位名单中选择承办单位');
    const overrideReason = form.text('conflictOverrideReason', '回避例外理由', 2000, false);
    return form.ok
      ? {
          mediatorId,
          ...(unitId ? { unitId } : {}),
          ...(overrideReason ? { conflictOverride: { reason: overrideReason } } : {}),
        }
      : undefined;
  },
  accept: () => ({}),
  recordSession: (form) => {
    const heldAt = form.chinaDateTime('heldAt', '调解时间');
    const location = form.text('location', '地点', 200, false);
    const summary = form.text('summary', '调解情况', 8000);
    if (heldAt && Date.parse(heldAt) > Date.now() + 5 * 60_000) form.fail('heldAt', '调解时间不能晚于现在');
    const onSite = form.checked('onSite');
    if (onSite && !location) form.fail('location', '现场调解须写明地点（村、嘎查、社区或纠纷发生地）');
    return form.ok && heldAt && summary
      ? { heldAt, summary, ...optional('location', location), ...(onSite ? { onSite } : {}) }
      : undefined;
  },
  requestExtension: (form) => {
    const days = form.integer('days', '延期天数', 1, 365);
    const reason = form.text('reason', '延期理由', 2000);
    return days && reason ? { days, reason, partiesConsent: form.checked('partiesConsent') } : undefined;
  },
  decideExtension: (form) => {
    const decision = form.choice('approve', '审批意见', ['yes', 'no'] as const);
    const note = form.text('note', '说明', 2000, false);
    return decision ? { approve: decision === 'yes', ...optional('note', note) } : undefined;
  },
  settle: (form) => {
    const agreementForm = form.choice('form', '协议形式', ['written', 'oral'] as const);
    const terms = form.text('terms', '协议内容', 20000);
    const amountFen = form.yuan('amount', '协议金额');
    const stepText = form.text('performanceDescription', '履行方式', 2000, false);
    const dueDate = form.date('performanceDueDate', '履行期限', false);
    const stepAmount = form.yuan('performanceAmount', '本期金额', false);
    if (!stepText && (dueDate || stepAmount !== undefined))
      form.fail('performanceDescription', '填写了履行期限或金额时，请写明履行方式');
    if (!form.ok || !agreementForm || !terms || amountFen === undefined) return undefined;
    return {
      form: agreementForm,
      terms,
      amountFen,
      performance: stepText
        ? [{ description: stepText, ...optional('dueDate', dueDate), ...optional('amountFen', stepAmount) }]
        : [],
    };
  },
  fail: (form) => {
    const reasons = form.text('reasons', '调解不成的原因', 4000);
    const undisputedFacts = form.text('undisputedFacts', '无争议事实', 8000);
    return reasons && undisputedFacts ? { reasons, undisputedFacts } : undefined;
  },
  withdraw: (form) => reasonOnly(form, '撤回理由'),
  terminate: (form) => reasonOnly(form, '终止理由'),
  reject: (form) => reasonOnly(form, '不予受理的理由'),
  referOut: (form) => {
    const to = form.text('to', '转交机构', 200);
    const reason = form.text('reason', '转交理由', 2000);
    if (!form.checked('partiesConsent')) form.fail('partiesConsent', '转交须经当事人同意，请确认后勾选');
    return form.ok && to && reason ? { to, reason, partiesConsent: true } : undefined;
  },
  close: (form) => {
    const note = form.text('note', '结案说明', 2000, false);
    return form.ok ? optional('note', note) : undefined;
  },
  recordFollowUp: (form) => {
    const performed = form.choice('performed', '协议履行情况', ['yes', 'no'] as const);
    const satisfaction = form.choice('satisfaction', '满意度', ['1', '2', '3', '4', '5'] as const);
    const notes = form.text('notes', '回访记录', 4000, false);
    return performed && satisfaction
      ? {
          performed: performed === 'yes',
          satisfaction: Number(satisfaction) as 1 | 2 | 3 | 4 | 5,
          ...optional('notes', notes),
        }
      : undefined;
  },
  archive: () => ({}),
};

function reasonOnly(form: FormReader, label: string) {
  const reason = form.text('reason', label, 2000);
  return reason ? { reason } : undefined;
}

export function readActionForm<T extends TransitionName>(transition: T, values: FormValues): Parsed<T> {
  const form = new FormReader(values);
  const input = (readers[transition] as (form: FormReader) => TransitionInputs[T] | undefined)(form);
  return form.ok && input !== undefined ? { ok: true, input } : { ok: false, errors: form.errors };
}
