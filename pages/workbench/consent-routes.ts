import { type Context, Hono } from 'hono';
import { caseNumberPattern } from '../../domain/case-number.js';
import { Refusal, type RefusalStatus } from '../../domain/refusals.js';
import type { AppDependencies } from '../../http/dependencies.js';
import { toRefusal } from '../../http/refusal-of.js';
import { readCase } from '../../use-cases/cases/read-case.js';
import { recordMediationConsent } from '../../use-cases/cases/record-mediation-consent.js';
import type { DashboardEnv } from '../shared/session.js';
import { tickedParties } from './consent-section.js';
import { type FieldErrors, formValuesOf } from './form-values.js';

type RenderCase = (
  c: Context<DashboardEnv>,
  caseNumber: string,
  options: { status?: RefusalStatus | 200; consentErrors?: FieldErrors; problem?: string },
) => Promise<Response>;

/** 登记调解意愿 on the case page, for a case registered without the parties' consent. */
export function consentRoutes(
  deps: AppDependencies,
  renderCase: RenderCase,
  notFound: (c: Context<DashboardEnv>, caseNumber: string) => Response | Promise<Response>,
) {
  const app = new Hono<DashboardEnv>();
  app.post('/cases/:caseNumber/mediation-consent', async (c) => {
    const caseNumber = c.req.param('caseNumber');
    if (!caseNumberPattern.test(caseNumber)) return notFound(c, caseNumber);
    let view: Awaited<ReturnType<typeof readCase>>;
    try {
      view = await readCase(deps.database.db, c.get('principal'), caseNumber, deps.temporal);
    } catch (error) {
      if (error instanceof Refusal && error.code === 'not_found') return notFound(c, caseNumber);
      throw error;
    }
    const givenBy = tickedParties(view, formValuesOf(await c.req.parseBody()));
    if (givenBy.length === 0)
      return renderCase(c, caseNumber, {
        status: 400,
        consentErrors: { givenBy: '请勾选申请或同意调解的当事人' },
        problem: '请按标出的内容修改后重新提交。',
      });
    try {
      await recordMediationConsent(
        { db: deps.database.db, temporal: deps.temporal },
        c.get('principal'),
        caseNumber,
        givenBy,
      );
    } catch (error) {
      const refusal = toRefusal(error);
      if (!refusal || refusal.code === 'service_unavailable') throw error;
      if (refusal.code === 'not_found') return notFound(c, caseNumber);
      return renderCase(c, caseNumber, {
        status: refusal.status,
        problem: `操作未成功：${refusal.reasonZh}。`,
      });
    }
    c.get('logger').info({ caseNumber }, 'mediation consent recorded');
    return c.redirect(`/dashboard/work/cases/${caseNumber}?notice=consent-recorded`, 303);
  });
  return app;
}
