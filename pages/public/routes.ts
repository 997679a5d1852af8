import { randomUUID } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import { caseNumberPattern } from '../../domain/case-number.js';
import { maskedMobile } from '../../domain/mobile-phone.js';
import { boundedBody } from '../../http/bounded-body.js';
import type { AppDependencies } from '../../http/dependencies.js';
import { caseStartDependencies } from '../../http/dependencies.js';
import { toRefusal } from '../../http/refusal-of.js';
import { applyForMediation } from '../../use-cases/public/apply-for-mediation.js';
import { listCaseCancellations } from '../../use-cases/public/cancel-booking.js';
import {
  listCaseMessages,
  messageMaxLength,
  postPartyMessage,
} from '../../use-cases/public/case-messages.js';
import { moveBooking, partyCancelBooking } from '../../use-cases/public/change-booking.js';
import { listMyCases, readMyCase } from '../../use-cases/public/my-cases.js';
import { listPublicMediators, listPublicUnits } from '../../use-cases/public/public-directory.js';
import { rateFollowUp, ratingOf } from '../../use-cases/public/rate-follow-up.js';
import { bookSlot, listBookableSlots, listCaseBookings } from '../../use-cases/public/session-slots.js';
import { sameOrigin } from '../shared/session.js';
import type { FieldErrors, FormValues } from '../workbench/form-values.js';
import { formValuesOf } from '../workbench/form-values.js';
import { readApplyForm } from './apply-input.js';
import { applyPage } from './apply-page.js';
import { myCasePage, myCasesPage } from './case-pages.js';
import {
  isHttps,
  type PublicEnv,
  publicPath,
  requireCitizen,
  signOut,
  textSizeCookie,
} from './citizen-session.js';
import { publicMessagePage, publicPathOr } from './layout.js';
import { signInRoutes } from './sign-in-routes.js';

/**
 * The public channel (飞速通 for citizens) under /my: the H5 pages a WeChat 公众号 menu or mini-program
 * web-view opens. Sign in by phone and one-time code, apply for mediation choosing a mediator from the
 * 调解超市, follow one's own cases, book a session, message the mediator, rate the service.
 */
export function publicRoutes(deps: AppDependencies) {
  const db = deps.database.db;
  const app = new Hono<PublicEnv>();
  app.use('*', boundedBody({ maxBytes: 32 * 1024, label: '32 KiB' }));

  app.post('/text-size', async (c) => {
    const form = await c.req.parseBody();
    if (sameOrigin(c))
      setCookie(c, textSizeCookie, form.size === 'large' ? 'large' : 'normal', {
        path: publicPath,
        sameSite: 'Lax',
        secure: isHttps(c),
        maxAge: 365 * 86400,
      });
    return c.redirect(publicPathOr(form.back), 303);
  });
  app.route('/', signInRoutes(deps));

  app.use(
    '*',
    requireCitizen({ db, secret: deps.settings.tokenSecret }, (c, why) =>
      why === 'sign-in' && c.req.method === 'GET'
        ? c.redirect('/my/login', 303)
        : c.html(
            publicMessagePage({
              title: why === 'csrf' ? '请求被拒绝' : '请先登录',
              message: why === 'csrf' ? '页面已过期，请返回后重新提交。' : '登录已过期，请重新登录。',
              largeText: c.get('largeText'),
              back: why === 'csrf' ? '/my' : '/my/login',
            }),
            why === 'csrf' ? 403 : 401,
          ),
    ),
  );

  const page = (c: Context<PublicEnv>) => ({ largeText: c.get('largeText'), csrfToken: c.get('csrfToken') });

  app.post('/logout', async (c) => {
    await signOut(c, db);
    return c.redirect('/my/login', 303);
  });

  app.get('/', async (c) => {
    const citizen = c.get('citizen');
    const items = await listMyCases(db, citizen);
    return c.html(myCasesPage({ ...page(c), maskedPhone: maskedMobile(citizen.phone), items }));
  });

  async function renderApply(
    c: Context<PublicEnv>,
    status: 200 | 400 | 409 | 422 | 429,
    values: FormValues,
    errors: FieldErrors = {},
    problem?: string,
  ) {
    const [units, mediators] = await Promise.all([listPublicUnits(db), listPublicMediators(db)]);
    return c.html(applyPage({ ...page(c), values, errors, units, mediators, problem }), status);
  }

  app.get('/apply', (c) => renderApply(c, 200, { formToken: randomUUID(), respondentKind: 'person' }));

  app.post('/apply', async (c) => {
    const values = formValuesOf(await c.req.parseBody());
    const form = readApplyForm(values);
    if (!form.ok) return renderApply(c, 400, values, form.errors, '请按标出的内容修改后重新提交。');
    try {
      const { caseNumber, repeated } = await applyForMediation(
        caseStartDependencies(deps),
        c.get('citizen'),
        form.application,
        c.get('clientAddress'),
      );
      c.get('logger').info({ caseNumber, repeated }, 'online application registered');
      return c.redirect(`/my/cases/${caseNumber}?notice=applied`, 303);
    } catch (error) {
      const refusal = toRefusal(error);
      if (!refusal || refusal.status >= 500) throw error;
      const errors: FieldErrors = {};
      for (const fieldError of refusal.details.errors ?? []) errors[fieldError.field] = refusal.reasonZh;
      if (refusal.status === 429) c.header('retry-after', '3600');
      return renderApply(
        c,
        refusal.status as 400 | 409 | 422 | 429,
        values,
        errors,
        `申请未提交：${refusal.reasonZh}。`,
      );
    }
  });

  const notFound = (c: Context<PublicEnv>) =>
    c.html(
      publicMessagePage({
        title: '没有找到案件',
        message: '没有找到这个案件，或它不是您作为当事人的案件。',
        ...page(c),
      }),
      404,
    );

  async function renderCase(
    c: Context<PublicEnv>,
    caseNumber: string,
    options: {
      status?: 200 | 400 | 404 | 409 | 429;
      problem?: string;
      values?: FormValues;
      errors?: FieldErrors;
    } = {},
  ) {
    if (!caseNumberPattern.test(caseNumber)) return notFound(c);
    const citizen = c.get('citizen');
    const myCase = await readMyCase(db, citizen, caseNumber);
    if (!myCase) return notFound(c);
    const [messages, bookings, cancellations, bookableSlots, rating] = await Promise.all([
      listCaseMessages(db, caseNumber),
      listCaseBookings(db, caseNumber),
      listCaseCancellations(db, caseNumber),
      myCase.mediatorId && (myCase.stage === 'divert' || myCase.stage === 'resolve')
        ? listBookableSlots(db, myCase.mediatorId)
        : Promise.resolve([]),
      ratingOf(db, citizen, caseNumber),
    ]);
    return c.html(
      myCasePage({
        ...page(c),
        myCase,
        messages,
        bookings,
        cancellations,
        bookableSlots,
        rating,
        notice: c.req.query('notice')?.slice(0, 20),
        problem: options.problem,
        ...(options.values ? { values: options.values } : {}),
        ...(options.errors ? { errors: options.errors } : {}),
      }),
      options.status ?? 200,
    );
  }

  app.get('/cases/:caseNumber', (c) => renderCase(c, c.req.param('caseNumber')));

  /** A POST on a case: the case must be the citizen's (404 otherwise), refusals shown on the case page. */
  function caseAction(
    act: (c: Context<PublicEnv>, caseNumber: string, values: FormValues) => Promise<FieldErrors | 'done'>,
    notice: string,
  ) {
    return async (c: Context<PublicEnv>) => {
      const caseNumber = c.req.param('caseNumber') ?? '';
      if (!caseNumberPattern.test(caseNumber)) return notFound(c);
      const myCase = await readMyCase(db, c.get('citizen'), caseNumber);
      if (!myCase) return notFound(c);
      const values = formValuesOf(await c.req.parseBody());
      try {
        const errors = await act(c, caseNumber, values);
        if (errors !== 'done')
          return renderCase(c, caseNumber, {
            status: 400,
            values,
            errors,
            problem: '请按标出的内容修改后重新提交。',
          });
      } catch (error) {
        const refusal = toRefusal(error);
        if (!refusal || refusal.status >= 500) throw error;
        return renderCase(c, caseNumber, {
          status: refusal.status as 400 | 404 | 409 | 429,
          values,
          problem: `未成功：${refusal.reasonZh}。`,
        });
      }
      return c.redirect(`/my/cases/${caseNumber}?notice=${notice}`, 303);
    };
  }

  app.post(
    '/cases/:caseNumber/messages',
    caseAction(async (c, caseNumber, values) => {
      const body = values.body ?? '';
      if (!body) return { body: '请填写留言内容' };
      if (body.length > messageMaxLength) return { body: `留言不能超过${messageMaxLength}个字` };
      await postPartyMessage(db, c.get('citizen'), caseNumber, body);
      return 'done';
    }, 'sent'),
  );

  app.post(
    '/cases/:caseNumber/bookings',
    caseAction(async (c, caseNumber, values) => {
      const slotId = values.slotId ?? '';
      if (!/^[0-9a-f-]{36}$/.test(slotId)) return { slotId: '请选择时段' };
      await bookSlot(db, c.get('citizen'), caseNumber, slotId, {
        temporal: deps.temporal,
        taskQueue: deps.settings.taskQueue,
      });
      c.get('logger').info({ caseNumber, slotId }, 'session slot booked');
      return 'done';
    }, 'booked'),
  );

  const uuidPattern = /^[0-9a-f-]{36}$/;

  app.post(
    '/cases/:caseNumber/bookings/:slotId/cancel',
    caseAction(async (c, caseNumber) => {
      const slotId = c.req.param('slotId') ?? '';
      if (!uuidPattern.test(slotId)) return { slotId: '没有找到这个预约' };
      await partyCancelBooking(db, c.get('citizen'), caseNumber, slotId);
      c.get('logger').info({ caseNumber, slotId }, 'booking cancelled by the party');
      return 'done';
    }, 'cancelled'),
  );

  app.post(
    '/cases/:caseNumber/bookings/:slotId/move',
    caseAction(async (c, caseNumber, values) => {
      const fromSlotId = c.req.param('slotId') ?? '';
      const toSlotId = values.toSlotId ?? '';
      if (!uuidPattern.test(fromSlotId)) return { toSlotId: '没有找到这个预约' };
      if (!uuidPattern.test(toSlotId)) return { toSlotId: '请选择要改约到的时段' };
      await moveBooking(
        db,
        c.get('citizen'),
        { caseNumber, fromSlotId, toSlotId },
        {
          temporal: deps.temporal,
          taskQueue: deps.settings.taskQueue,
        },
      );
      c.get('logger').info({ caseNumber, fromSlotId, toSlotId }, 'booking moved by the party');
      return 'done';
    }, 'moved'),
  );

  app.post(
    '/cases/:caseNumber/rating',
    caseAction(async (c, caseNumber, values) => {
      const score = Number(values.score ?? '');
      const comment = values.comment ?? '';
      const errors: FieldErrors = {};
      if (!Number.isInteger(score) || score < 1 || score > 5) errors.score = '请选择1至5分';
      if (comment.length > 500) errors.comment = '意见不能超过500个字';
      if (Object.keys(errors).length) return errors;
      const myCase = await readMyCase(db, c.get('citizen'), caseNumber);
      if (!myCase) return { score: '没有找到案件' };
      await rateFollowUp(db, c.get('citizen'), myCase, { score, comment });
      return 'done';
    }, 'rated'),
  );

  return app;
}
