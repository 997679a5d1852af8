import { html } from 'hono/html';
import { type TransitionName, transitionLabelsZh } from '../../domain/transition-table.js';
import {
  type DisputeCategory,
  disputeCategoryLabelsZh,
  mediatorQualificationLabelsZh,
  triageClassLabelsZh,
} from '../../domain/vocabulary.js';
import type { CandidateConflict } from '../../use-cases/cases/check-candidate-conflicts.js';
import type { DirectoryMediator } from '../../use-cases/directory/list-directory-mediators.js';
import type { DirectoryUnit } from '../../use-cases/directory/list-directory-units.js';
import type { Html } from '../dashboard/layout.js';
import {
  checkboxField,
  type FieldContext,
  type Option,
  optionsOf,
  selectField,
  textArea,
  textField,
} from './fields.js';
import type { FieldErrors, FormValues } from './form-values.js';

/** What the forms of one case page need: the case, who may be assigned, and a refused form to show back. */
export interface ActionFormsInput {
  caseNumber: string;
  category: DisputeCategory | null;
  allowed: readonly TransitionName[];
  mediators: DirectoryMediator[];
  /** Units the case may be routed to, and the station the admins' mapping suggests for its category. */
  units?: DirectoryUnit[];
  suggestedStation?: { unitId: string; unitName: string } | null;
  /** The mediator the parties chose at intake (当事人选择): preselected. */
  chosenMediatorId?: string | null | undefined;
  /** The conflict check's result for each candidate (by id), shown before submitting; absent if not run. */
  conflicts?: Record<string, CandidateConflict[]>;
  csrfToken: string;
  isSupervisor: boolean;
  /** The form that was just refused: its transition, what was typed and why it was refused. */
  refused?: { transition: TransitionName; values: FormValues; errors: FieldErrors };
  /** A form filled in ahead (记录本次调解 from a booking): opened, with these values. */
  prefill?: { transition: TransitionName; values: FormValues } | undefined;
}

/** A mediator as the picker shows them: name, unit, specialties, qualifications, load and record. */
function conflictText(conflicts: CandidateConflict[]): string {
  return conflicts.map((conflict) => `${conflict.party}（${conflict.relation}）`).join('、');
}

function mediatorOption(mediator: DirectoryMediator, conflicts: CandidateConflict[] | undefined): Option {
  const specialties = mediator.specialties
    .map((c) => disputeCategoryLabelsZh[c].replace(/纠纷$/, ''))
    .join('、');
  const qualifications = mediator.qualifications.map((q) => mediatorQualificationLabelsZh[q]).join('、');
  const record = mediator.averageDaysToSettle === null ? '' : `，平均${mediator.averageDaysToSettle}天化解`;
  return {
    value: mediator.id,
    label: `${mediator.displayName}（${mediator.unitName ?? '未分配单位'}${qualifications ? `，${qualifications}` : ''}${
      specialties ? `，擅长${specialties}` : ''
    }，在办${mediator.openCases}件${record}）${
      conflicts === undefined
        ? ''
        : conflicts.length
          ? `【应回避：${conflictText(conflicts)}】`
          : '【回避检查：无】'
    }`,
  };
}

function assignFields(context: FieldContext, input: ActionFormsInput): Html {
  const specialists = input.category
    ? input.mediators.filter((m) => m.specialties.includes(input.category!))
    : [];
  const others = input.mediators.filter((m) => !specialists.includes(m));
  const candidates = [...specialists, ...others];
  const options = candidates.map((mediator) => mediatorOption(mediator, input.conflicts?.[mediator.id]));
  const conflicted = candidates.filter((mediator) => input.conflicts?.[mediator.id]?.length);
  const conflictNote = conflicted.length
    ? html`<div class="notice error" role="note" id="assign-conflicts">回避检查：${conflicted
        .map((mediator) => `${mediator.displayName}与${conflictText(input.conflicts![mediator.id]!)}`)
        .join('；')}。${
        input.isSupervisor
          ? '确需指派的，请在“回避例外理由”中说明（记录在案）。'
          : '应当回避的调解员只有中心负责人说明理由后才能指派。'
      }</div>`
    : '';
  const suggested = input.suggestedStation;
  const unitContext = { ...context, values: { unitId: suggested?.unitId ?? '', ...context.values } };
  const unitField = input.units?.length
    ? selectField(
        unitContext,
        'unitId',
        '承办单位',
        input.units.map((unit) => ({ value: unit.id, label: `${unit.name}（在办${unit.openCases}件）` })),
        {
          placeholder: '不变更承办单位',
          ...(suggested ? { hint: `建议：${suggested.unitName}（依据纠纷类别）` } : {}),
        },
      )
    : '';
  const chosen = input.mediators.find((mediator) => mediator.id === input.chosenMediatorId);
  const mediatorContext = chosen
    ? { ...context, values: { mediatorId: chosen.id, ...context.values } }
    : context;
  return html`${unitField}${conflictNote}${
    chosen ? html`<p class="muted" id="chosen-mediator">当事人选择：${chosen.displayName}（已预选）</p>` : ''
  }${selectField(mediatorContext, 'mediatorId', '调解员', options, {
    placeholder: '请选择调解员',
    hint: specialists.length
      ? `擅长「${disputeCategoryLabelsZh[input.category!]}」的 ${specialists.length} 位调解员排在前面，在办案件少者在前。`
      : '在办案件少者在前。',
  })}${
    input.isSupervisor
      ? textArea(context, 'conflictOverrideReason', '回避例外理由', {
          rows: 2,
          hint: '仅在系统提示应当回避、仍须指派时填写（记录在案）。',
        })
      : ''
  }<p class="muted"><a href="/dashboard/work/mediators${input.category ? `?category=${input.category}` : ''}">在调解超市中查看调解员介绍</a></p>`;
}

const reasonField = (label: string) => (context: FieldContext) => textArea(context, 'reason', label);

const fieldsOf: {
  [T in TransitionName]: (context: FieldContext, input: ActionFormsInput) => Html | string;
} = {
  triage: (context) =>
    html`${selectField(context, 'triageClass', '分级', optionsOf(triageClassLabelsZh))}${selectField(
      context,
      'category',
      '纠纷类别',
      optionsOf(disputeCategoryLabelsZh),
    )}${textArea(context, 'note', '说明', { rows: 2 })}`,
  assign: assignFields,
  accept: () => html`<p class="muted">接受指派后开始计算调解期限。</p>`,
  recordSession: (context) =>
    html`${textField(context, 'heldAt', '调解时间', { type: 'datetime-local' })}${textField(
      context,
      'location',
      '地点',
      { placeholder: '如：中心第三调解室，或“视频调解”；现场调解写明村、嘎查或纠纷发生地' },
    )}${checkboxField(context, 'onSite', '现场调解（巡回调解，在纠纷发生地进行）')}${textArea(
      context,
      'summary',
      '调解情况',
      { rows: 4, hint: '到场人员、各方意见、达成的共识' },
    )}`,
  requestExtension: (context) =>
    html`${textField(context, 'days', '延期天数', { type: 'number' })}${textArea(
      context,
      'reason',
      '延期理由',
    )}${checkboxField(context, 'partiesConsent', '双方当事人同意延期')}`,
  decideExtension: (context) =>
    html`${selectField(context, 'approve', '审批意见', [
      { value: 'yes', label: '同意延期' },
      { value: 'no', label: '不同意' },
    ])}${textArea(context, 'note', '说明', { rows: 2 })}`,
  settle: (context) =>
    html`${selectField(context, 'form', '协议形式', [
      { value: 'written', label: '书面协议' },
      { value: 'oral', label: '口头协议' },
    ])}${textArea(context, 'terms', '协议内容', { rows: 4, hint: '各方的权利义务、履行方式与期限' })}${textField(
      context,
      'amount',
      '协议金额（元）',
      { placeholder: '0.00', hint: '不涉及金额填 0' },
    )}${textField(context, 'performanceDescription', '履行方式', {
      placeholder: '如：一次性支付修复费用',
    })}${textField(context, 'performanceDueDate', '履行期限', { type: 'date' })}${textField(
      context,
      'performanceAmount',
      '本期金额（元）',
    )}`,
  fail: (context) =>
    html`${textArea(context, 'reasons', '调解不成的原因')}${textArea(
      context,
      'undisputedFacts',
      '无争议事实',
      {
        rows: 4,
        hint: '双方当事人确认的事实，法院可直接采用',
      },
    )}`,
  withdraw: reasonField('撤回理由'),
  terminate: reasonField('终止理由'),
  reject: reasonField('不予受理的理由'),
  referOut: (context) =>
    html`${textField(context, 'to', '转交机构', { placeholder: '如：市劳动人事争议仲裁委员会' })}${textArea(
      context,
      'reason',
      '转交理由',
    )}${checkboxField(context, 'partiesConsent', '当事人同意转交')}`,
  close: (context) => textArea(context, 'note', '结案说明', { rows: 2 }),
  recordFollowUp: (context) =>
    html`${selectField(context, 'performed', '协议履行情况', [
      { value: 'yes', label: '已履行' },
      { value: 'no', label: '未履行' },
    ])}${selectField(context, 'satisfaction', '满意度', [
      { value: '5', label: '5 非常满意' },
      { value: '4', label: '4 满意' },
      { value: '3', label: '3 一般' },
      { value: '2', label: '2 不满意' },
      { value: '1', label: '1 非常不满意' },
    ])}${textArea(context, 'notes', '回访记录', { rows: 2 })}`,
  archive: () => html`<p class="muted">归档后案件不能再变更。</p>`,
};

/** The actions the caller may take now, each a form that works without script (POST, then redirect). */
export function actionForms(input: ActionFormsInput): Html {
  if (input.allowed.length === 0) return html`<p class="muted">当前阶段您没有可办理的操作。</p>`;
  const openOne = input.refused?.transition ?? input.prefill?.transition ?? input.allowed[0];
  return html`<div class="actions">${input.allowed.map((transition) => {
    const refused = input.refused?.transition === transition ? input.refused : undefined;
    const context: FieldContext = {
      form: transition,
      values:
        refused?.values ??
        (input.prefill?.transition === transition ? input.prefill.values : undefined) ??
        {},
      errors: refused?.errors ?? {},
    };
    const label = transitionLabelsZh[transition];
    return html`<details class="action" id="action-${transition}"${transition === openOne ? ' open' : ''}>
  <summary>${label}</summary>
  <form method="post" action="/dashboard/work/cases/${input.caseNumber}/actions/${transition}" aria-label="${label}">
    <input type="hidden" name="_csrf" value="${input.csrfToken}">
    ${fieldsOf[transition](context, input)}
    <div class="field"><span></span><div><button type="submit" class="primary">${label}</button></div></div>
  </form>
</details>`;
  })}</div>`;
}
