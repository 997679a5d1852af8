import {
  isPlausibleChinesePhone,
  isValidResidentIdNumber,
  isValidUnifiedSocialCreditCode,
} from '../../domain/identity-numbers.js';
import type { CaseSource } from '../../domain/vocabulary.js';
import type { RegisterCaseInput } from '../../use-cases/cases/register-case.js';
import { type FieldErrors, FormReader, type FormValues } from './form-values.js';

/** Channels a clerk registers from; courts, procuratorates and police refer through their own clients. */
export const intakeSources = ['walk_in', 'hotline', 'online', 'wechat', 'grid_worker', 'department'] as const;

/** The two parties of the form: the applicant (申请人) and the respondent (被申请人). */
export const formParties = [
  { prefix: 'applicant', role: 'applicant', label: '申请人', required: true },
  { prefix: 'respondent', role: 'respondent', label: '被申请人', required: false },
] as const;

type PartyInput = RegisterCaseInput['parties'][number];

function readParty(form: FormReader, party: (typeof formParties)[number]): PartyInput | undefined {
  const field = (name: string) => `${party.prefix}${name}`;
  const name = form.text(field('Name'), `${party.label}姓名或名称`, 200, party.required);
  if (!name) {
    for (const other of ['IdNumber', 'Phone', 'Address'])
      if (form.values[field(other)]) form.fail(field('Name'), `请填写${party.label}姓名或名称`);
    return undefined;
  }
  const kind =
    form.choice(field('Kind'), `${party.label}类型`, ['person', 'organisation'] as const) ?? 'person';
  const idNumber = (form.values[field('IdNumber')] ?? '').replace(/\s/g, '').toUpperCase();
  if (idNumber && kind === 'person' && !isValidResidentIdNumber(idNumber))
    form.fail(field('IdNumber'), '身份证号码有误：应为18位，且校验位须符合国家标准（GB 11643），请核对');
  if (idNumber && kind === 'organisation' && !isValidUnifiedSocialCreditCode(idNumber))
    form.fail(
      field('IdNumber'),
      '统一社会信用代码有误：应为18位，且校验位须符合国家标准（GB 32100），请核对',
    );
  const phone = form.values[field('Phone')] ?? '';
  if (phone && !isPlausibleChinesePhone(phone))
    form.fail(field('Phone'), '电话号码有误：手机号为11位，固定电话请带区号');
  const address = form.text(field('Address'), '地址', 500, false);
  return {
    kind,
    name,
    role: party.role,
    ...(idNumber
      ? {
          idType: kind === 'person' ? ('resident_id' as const) : ('unified_social_credit_code' as const),
          idNumber,
        }
      : {}),
    ...(phone ? { phone } : {}),
    ...(address ? { address } : {}),
  };
}

export type RegistrationForm =
  | { ok: true; input: RegisterCaseInput; token: string; duplicateReason: string | undefined }
  | { ok: false; errors: FieldErrors };

/** The intake form, read with a Chinese reason per field; the check digits of ID numbers are checked here. */
export function readRegistrationForm(values: FormValues, defaultUnitId: string | null): RegistrationForm {
  const form = new FormReader(values);
  const token = values.formToken ?? '';
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(token))
    form.fail('formToken', '表单已失效，请重新打开登记页面');
  const source = form.choice('source', '来源渠道', intakeSources) as CaseSource | undefined;
  const unitId = form.values.unitId || defaultUnitId || undefined;
  if (unitId && !/^[0-9a-f-]{36}$/i.test(unitId)) form.fail('unitId', '请选择承办单位');
  const chosenMediatorId = form.values.chosenMediatorId || undefined;
  if (chosenMediatorId && !/^[0-9a-f-]{36}$/i.test(chosenMediatorId))
    form.fail('chosenMediatorId', '请从调解超市名单中选择调解员');
  const facts = form.text('summary', '案情', 3000);
  const request = form.text('request', '诉求', 900, false);
  const claimAmountFen = form.yuan('claimAmount', '标的额', false);
  const parties = formParties.flatMap((party) => {
    const read = readParty(form, party);
    return read ? [read] : [];
  });
  const consentBy = formParties
    .filter((party) => form.checked(`${party.prefix}Consent`))
    .flatMap((party) => parties.filter((p) => p.role === party.role).map((p) => p.name));
  if (!form.checked('applicantConsent'))
    form.fail('applicantConsent', '须由申请人申请调解（或确认同意调解）后才能登记，请勾选');
  const duplicateReason = form.text('duplicateReason', '仍要登记的理由', 2000, false);
  if (!form.ok || !source || !facts || parties.length === 0) return { ok: false, errors: form.errors };
  return {
    ok: true,
    token,
    duplicateReason,
    input: {
      source,
      summary: request ? `${facts}\n诉求：${request}` : facts,
      parties,
      ...(unitId ? { unitId } : {}),
      ...(claimAmountFen !== undefined ? { claimAmountFen } : {}),
      mediationConsent: { givenBy: consentBy },
      ...(chosenMediatorId ? { chosenMediatorId } : {}),
    },
  };
}
