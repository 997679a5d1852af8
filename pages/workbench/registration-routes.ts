import { randomUUID } from 'node:crypto';
import { type Context, Hono } from 'hono';
import type { AppDependencies } from '../../http/dependencies.js';
import { caseStartDependencies, partyLookupDependencies } from '../../http/dependencies.js';
import { toRefusal } from '../../http/refusal-of.js';
import { findPossibleDuplicates } from '../../use-cases/cases/find-possible-duplicates.js';
import { caseOfSubmittedForm, registerCaseOnce } from '../../use-cases/cases/register-case-once.js';
import { listDirectoryMediators } from '../../use-cases/directory/list-directory-mediators.js';
import { listDirectoryUnits } from '../../use-cases/directory/list-directory-units.js';
import { messagePage } from '../dashboard/simple-pages.js';
import { type DashboardEnv, sessionOf } from '../shared/session.js';
import { type FieldErrors, type FormValues, formValuesOf } from './form-values.js';
import { readRegistrationForm } from './registration-input.js';
import { registrationPage } from './registration-page.js';

/** Intake is for the window: clerks, and supervisors and admins standing in. */
const mayRegister = (role: string) => role === 'clerk' || role === 'supervisor' || role === 'admin';

/** GET and POST /dashboard/work/register. */
export function registrationRoutes(deps: AppDependencies) {
  const db = deps.database.db;

  async function render(
    c: Context<DashboardEnv>,
    status: 200 | 400 | 409 | 422,
    values: FormValues,
    errors: FieldErrors = {},
    extra: { duplicates?: Awaited<ReturnType<typeof findPossibleDuplicates>>; problem?: string } = {},
  ) {
    const units = await listDirectoryUnits(db, c.get('principal'));
    const mediators = await listDirectoryMediators(db, c.get('principal'));
    return c.html(
      registrationPage(sessionOf(c), {
        values,
        errors,
        units,
        mediators,
        duplicates: extra.duplicates ?? [],
        problem: extra.problem,
      }),
      status,
    );
  }

  const app = new Hono<DashboardEnv>();
  app.use('/register', async (c, next) => {
    if (mayRegister(c.get('user').role)) return next();
    return c.html(
      messagePage({
        title: '无权登记纠纷',
        message: '登记纠纷由窗口受理员办理。您可以在“案件”中查看指派给您的案件。',
        ...sessionOf(c),
        back: '/dashboard/work',
      }),
      403,
    );
  });

  app.get('/register', (c) =>
    render(c, 200, {
      formToken: randomUUID(),
      source: 'walk_in',
      unitId: c.get('user').unitId ?? '',
      applicantKind: 'person',
      respondentKind: 'person',
    }),
  );

  app.post('/register', async (c) => {
    const values = formValuesOf(await c.req.parseBody());
    const user = c.get('user');
    const form = readRegistrationForm(values, user.unitId);
    if (!form.ok) return render(c, 400, values, form.errors, { problem: '请按标出的内容修改后重新提交。' });
    // A form sent again after it registered its case answers that case (before any other check).
    const earlier = await caseOfSubmittedForm(db, c.get('principal'), form.token);
    if (earlier) return c.redirect(`/dashboard/work/cases/${earlier}?notice=registered`, 303);
    const duplicates = await findPossibleDuplicates(
      partyLookupDependencies(deps),
      c.get('principal'),
      form.input.parties,
    );
    if (duplicates.length > 0 && !form.duplicateReason) {
      return render(
        c,
        409,
        values,
        { duplicateReason: '存在可能重复的未结案件；如确需另行登记，请填写理由' },
        { duplicates, problem: '发现可能重复登记的案件，请核对。' },
      );
    }
    const input = {
      ...form.input,
      ...(duplicates.length > 0 && form.duplicateReason
        ? {
            duplicateOverride: {
              caseNumbers: duplicates.map((duplicate) => duplicate.caseNumber),
              reason: form.duplicateReason,
            },
          }
        : {}),
    };
    let result: Awaited<ReturnType<typeof registerCaseOnce>>;
    try {
      result = await registerCaseOnce(caseStartDependencies(deps), c.get('principal'), form.token, input);
    } catch (error) {
      const refusal = toRefusal(error);
      if (!refusal || refusal.status >= 500) throw error;
      const errors: FieldErrors = {};
      for (const fieldError of refusal.details.errors ?? []) errors[fieldError.field] = refusal.reasonZh;
      return render(c, 422, values, errors, { problem: `登记未成功：${refusal.reasonZh}。` });
    }
    if ('pending' in result) {
      return c.html(
        messagePage({
          title: '正在登记',
          message: '这张登记表已经提交，正在登记。请稍后在“案件”中查看，不要重复提交。',
          ...sessionOf(c),
          back: '/dashboard/work',
        }),
        409,
      );
    }
    c.get('logger').info(
      { caseNumber: result.caseNumber, repeated: result.repeated, duplicateOverride: duplicates.length > 0 },
      'case registered from the workbench',
    );
    return c.redirect(`/dashboard/work/cases/${result.caseNumber}?notice=registered`, 303);
  });
  return app;
}
