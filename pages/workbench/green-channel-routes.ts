import { type Context, Hono } from 'hono';
import { caseNumberPattern } from '../../domain/case-number.js';
import type { RefusalStatus } from '../../domain/refusals.js';
import type { AppDependencies } from '../../http/dependencies.js';
import { toRefusal } from '../../http/refusal-of.js';
import { flagGreenChannel } from '../../use-cases/green-channel/flag-green-channel.js';
import type { DashboardEnv } from '../shared/session.js';
import { formValuesOf } from './form-values.js';

type RenderCase = (
  c: Context<DashboardEnv>,
  caseNumber: string,
  options: { status?: RefusalStatus | 200; problem?: string },
) => Promise<Response>;

/** 列入涉企绿色通道 from the case page. */
export function greenChannelRoutes(
  deps: AppDependencies,
  renderCase: RenderCase,
  notFound: (c: Context<DashboardEnv>, caseNumber: string) => Response | Promise<Response>,
) {
  const app = new Hono<DashboardEnv>();
  app.post('/cases/:caseNumber/green-channel', async (c) => {
    const caseNumber = c.req.param('caseNumber');
    if (!caseNumberPattern.test(caseNumber)) return notFound(c, caseNumber);
    const enterpriseId = formValuesOf(await c.req.parseBody()).enterpriseId ?? '';
    try {
      await flagGreenChannel(
        { db: deps.database.db, temporal: deps.temporal },
        c.get('principal'),
        caseNumber,
        { enterpriseId },
        undefined,
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
    c.get('logger').info({ caseNumber }, 'green channel flagged');
    return c.redirect(`/dashboard/work/cases/${caseNumber}?notice=green-channel-flagged`, 303);
  });
  return app;
}
