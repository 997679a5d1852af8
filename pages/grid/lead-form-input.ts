import { leadRiskLevels } from '../../domain/screening-vocabulary.js';
import { disputeCategories } from '../../domain/vocabulary.js';
import type { LeadPerson } from '../../use-cases/screening/lead-response.js';
import type { ReportLeadInput } from '../../use-cases/screening/report-lead.js';
import { type FieldErrors, FormReader, type FormValues } from '../workbench/form-values.js';

/** How many people the phone form offers rows for (the API takes up to 20). */
export const personRows = 3;

const phonePattern = /^\+?[0-9][0-9 -]{5,19}$/;

/**
 * The phone form, read as the API reads its body: each field either read or marked with a Chinese reason.
 * People are rows of name and phone (`person1Name`, `person1Phone`, …); a phone without a name is refused.
 */
export function readLeadForm(
  values: FormValues,
): { ok: true; input: ReportLeadInput } | { ok: false; errors: FieldErrors } {
  const form = new FormReader(values);
  const place = form.text('place', '地点', 200);
  const category = form.choice('category', '纠纷类别', disputeCategories);
  const riskLevel = form.choice('riskLevel', '风险等级', leadRiskLevels);
  const description = form.text('description', '情况描述', 4000);
  const people: LeadPerson[] = [];
  for (let row = 1; row <= personRows; row++) {
    const name = form.text(`person${row}Name`, '姓名', 100, false);
    const phone = values[`person${row}Phone`] ?? '';
    if (phone && !phonePattern.test(phone)) form.fail(`person${row}Phone`, '请填写正确的电话号码');
    else if (phone && !name) form.fail(`person${row}Name`, '填写了电话，请同时填写姓名');
    if (name) people.push({ name, ...(phone ? { phone } : {}) });
  }
  if (!form.ok || !place || !category || !riskLevel || !description)
    return { ok: false, errors: form.errors };
  return { ok: true, input: { place, category, riskLevel, description, people } };
}
