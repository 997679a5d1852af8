import { isPlausibleChinesePhone } from '../../domain/identity-numbers.js';
import { mobileNumberOf } from '../../domain/mobile-phone.js';
import { type DisputeCategory, disputeCategories } from '../../domain/vocabulary.js';
import type { MediationApplication } from '../../use-cases/public/apply-for-mediation.js';
import { type FieldErrors, FormReader, type FormValues } from '../workbench/form-values.js';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type ApplyForm = { ok: true; application: MediationApplication } | { ok: false; errors: FieldErrors };

/** The application form, read with a Chinese reason per field. */
export function readApplyForm(values: FormValues): ApplyForm {
  const form = new FormReader(values);
  const formToken = values.formToken ?? '';
  if (!uuidPattern.test(formToken)) form.fail('formToken', '表单已失效，请重新打开申请页面');
  const applicantName = form.text('applicantName', '您的姓名', 100);
  const category = form.choice('category', '纠纷类型', disputeCategories) as DisputeCategory | undefined;
  const facts = form.text('facts', '发生了什么', 2000);
  const request = form.text('request', '您的请求', 500);
  const claimAmountFen = form.yuan('claimAmount', '涉及金额', false);
  const respondentKind = form.choice(
    'respondentKind',
    '对方是个人还是单位',
    ['person', 'organisation'] as const,
    false,
  );
  const respondentName = form.text('respondentName', '对方姓名或单位名称', 200);
  const respondentPhone = values.respondentPhone ?? '';
  if (respondentPhone && !isPlausibleChinesePhone(respondentPhone))
    form.fail('respondentPhone', '电话号码有误：手机号为11位，固定电话请带区号');
  const unitId = values.unitId ?? '';
  if (unitId && !uuidPattern.test(unitId)) form.fail('unitId', '请选择调解机构');
  const preferredMediatorId = values.preferredMediatorId ?? '';
  if (preferredMediatorId && !uuidPattern.test(preferredMediatorId))
    form.fail('preferredMediatorId', '请从列表中选择调解员');
  if (!form.checked('consent')) form.fail('consent', '申请调解须您本人自愿，请阅读后勾选');
  if (!form.ok || !applicantName || !category || !facts || !request || !respondentName)
    return { ok: false, errors: form.errors };
  return {
    ok: true,
    application: {
      formToken: formToken.toLowerCase(),
      applicantName,
      category,
      facts,
      request,
      ...(claimAmountFen !== undefined ? { claimAmountFen } : {}),
      respondent: {
        kind: respondentKind ?? 'person',
        name: respondentName,
        ...(respondentPhone ? { phone: mobileNumberOf(respondentPhone) ?? respondentPhone } : {}),
      },
      ...(unitId ? { unitId } : {}),
      ...(preferredMediatorId ? { preferredMediatorId } : {}),
    },
  };
}
