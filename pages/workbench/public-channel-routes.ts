import { type Context, Hono } from 'hono';
import { caseNumberPattern } from '../../domain/case-number.js';
import { Refusal, type RefusalStatus } from '../../domain/refusals.js';
import type { AppDependencies } from '../../http/dependencies.js';
import { toRefusal } from '../../http/refusal-of.js';
import { readCase } from '../../use-cases/cases/read-case.js';
import { cancelBooking } from '../../use-cases/public/cancel-booking.js';
import { messageMaxLength, postStaffMessage } from '../../use-cases/public/case-messages.js';
import { publishSlot, type Room, rooms } from '../../use-cases/public/session-slots.js';
import type { DashboardEnv } from '../shared/session.js';
import { type FieldErrors, FormReader, type FormValues, formValuesOf } from './form-values.js';

type RenderCase = (
  c: Context<DashboardEnv>,
  caseNumber: string,
  options: {
    status?: RefusalStatus | 200;
    channelRefused?: { form: 'message' | 'slot'; values: FormValues; errors: FieldErrors };
    problem?: string;
  },
) => Promise<Response>;

/**
 * The staff's side of the public channel on the case page: reply to the parties' messages and publish
 * session slots for the case's mediator. Whoever may read the case (readCase: a mediator only their own
 * cases) may reply; slots are published by the assignee, or by the desk for them.
 */
export function publicChannelRoutes(
  deps: AppDependencies,
  renderCase: RenderCase,
  notFound: (c: Context<DashboardEnv>, caseNumber: string) => Response | Promise<Response>,
) {
  const db = deps.database.db;
  const app = new Hono<DashboardEnv>();

  async function caseOf(c: Context<DashboardEnv>, caseNumber: string) {
    if (!caseNumberPattern.test(caseNumber)) return undefined;
    try {
      return await readCase(db, c.get('principal'), caseNumber, deps.temporal);
    } catch (error) {
      if (error instanceof Refusal && error.code === 'not_found') return undefined;
      throw error;
    }
  }

  app.post('/cases/:caseNumber/messages', async (c) => {
    const caseNumber = c.req.param('caseNumber');
    const found = await caseOf(c, caseNumber);
    if (!found) return notFound(c, caseNumber);
    const values = formValuesOf(await c.req.parseBody());
    const form = new FormReader(values);
    const body = form.text('body', '回复内容', messageMaxLength);
    if (!body)
      return renderCase(c, caseNumber, {
        status: 400,
        channelRefused: { form: 'message', values, errors: form.errors },
        problem: '请按标出的内容修改后重新提交。',
      });
    await postStaffMessage(db, c.get('principal'), caseNumber, body);
    c.get('logger').info({ caseNumber }, 'reply to the parties');
    return c.redirect(`/dashboard/work/cases/${caseNumber}?notice=replied`, 303);
  });

  app.post('/cases/:caseNumber/slots', async (c) => {
    const caseNumber = c.req.param('caseNumber');
    const found = await caseOf(c, caseNumber);
    if (!found) return notFound(c, caseNumber);
    const values = formValuesOf(await c.req.parseBody());
    const form = new FormReader(values);
    const startsAt = form.chinaDateTime('startsAt', '开始时间');
    const minutes = form.integer('minutes', '时长（分钟）', 15, 480);
    const room = form.choice('room', '调解室', rooms) as Room | undefined;
    if (!found.assigneeId) form.fail('startsAt', '案件尚未指派调解员');
    if (!form.ok || !startsAt || !minutes || !room || !found.assigneeId)
      return renderCase(c, caseNumber, {
        status: 400,
        channelRefused: { form: 'slot', values, errors: form.errors },
        problem: '请按标出的内容修改后重新提交。',
      });
    try {
      const start = new Date(startsAt);
      await publishSlot(db, c.get('principal'), {
        mediatorId: found.assigneeId,
        room,
        startsAt: start,
        endsAt: new Date(start.getTime() + minutes * 60_000),
      });
    } catch (error) {
      const refusal = toRefusal(error);
      if (!refusal || refusal.status >= 500) throw error;
      return renderCase(c, caseNumber, {
        status: refusal.status,
        channelRefused: { form: 'slot', values, errors: { startsAt: refusal.reasonZh } },
        problem: `发布未成功：${refusal.reasonZh}。`,
      });
    }
    c.get('logger').info({ caseNumber }, 'session slot published');
    return c.redirect(`/dashboard/work/cases/${caseNumber}?notice=slot-published`, 303);
  });

  app.post('/cases/:caseNumber/bookings/:slotId/cancel', async (c) => {
    const caseNumber = c.req.param('caseNumber');
    const slotId = c.req.param('slotId');
    const found = await caseOf(c, caseNumber);
    if (!found || !/^[0-9a-f-]{36}$/.test(slotId)) return notFound(c, caseNumber);
    const values = formValuesOf(await c.req.parseBody());
    const reason = new FormReader(values).text('reason', '取消原因', 500);
    if (!reason)
      return renderCase(c, caseNumber, {
        status: 400,
        problem: '取消预约须填写原因（当事人可见），最多500字。',
      });
    try {
      await cancelBooking(db, c.get('principal'), { caseNumber, slotId, reason });
    } catch (error) {
      const refusal = toRefusal(error);
      if (!refusal || refusal.status >= 500) throw error;
      return renderCase(c, caseNumber, {
        status: refusal.status,
        problem: `取消未成功：${refusal.reasonZh}。`,
      });
    }
    c.get('logger').info({ caseNumber, slotId }, 'booking cancelled');
    return c.redirect(`/dashboard/work/cases/${caseNumber}?notice=booking-cancelled`, 303);
  });

  return app;
}
