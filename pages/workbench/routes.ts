import { type Context, Hono } from 'hono';
import { z } from 'zod';
import { caseNumberPattern } from '../../domain/case-number.js';
import { Refusal, type RefusalStatus } from '../../domain/refusals.js';
import { type Stage, stageLabelsZh } from '../../domain/stages.js';
import { type TransitionName, transitionLabelsZh, transitionNames } from '../../domain/transition-table.js';
import {
  type AppDependencies,
  partyLookupDependencies,
  transitionDependencies,
} from '../../http/dependencies.js';
import { toRefusal } from '../../http/refusal-of.js';
import { applyTransition } from '../../use-cases/cases/apply-transition.js';
import { checkCandidateConflicts } from '../../use-cases/cases/check-candidate-conflicts.js';
import { listCases } from '../../use-cases/cases/list-cases.js';
import { partiesForCasePage } from '../../use-cases/cases/masking.js';
import { readCase } from '../../use-cases/cases/read-case.js';
import { searchCasesByPartyNumber } from '../../use-cases/cases/search-cases-by-number.js';
import { suggestTriageStation } from '../../use-cases/cases/suggest-triage-station.js';
import { unitKindOf } from '../../use-cases/cases/unit-reference.js';
import { listDirectoryMediators } from '../../use-cases/directory/list-directory-mediators.js';
import { listDirectoryUnits } from '../../use-cases/directory/list-directory-units.js';
import { namesOf } from '../../use-cases/directory/name-lookup.js';
import { greenChannelCandidates } from '../../use-cases/green-channel/green-channel-candidates.js';
import { readPublicChannelForStaff } from '../../use-cases/public/public-channel-for-staff.js';
import { listMediatorBookings } from '../../use-cases/public/session-slots.js';
import { readCaseTimeline } from '../../use-cases/supervision/read-case-timeline.js';
import { messagePage } from '../dashboard/simple-pages.js';
import { type DashboardEnv, sessionOf } from '../shared/session.js';
import { readActionForm } from './action-inputs.js';
import { type CaseListView, caseListPage, caseListViews, viewsFor } from './case-list-page.js';
import { caseWorkPage } from './case-work-page.js';
import { consentRoutes } from './consent-routes.js';
import { consentSection } from './consent-section.js';
import { directoryPageRoute } from './directory-page.js';
import type { FieldErrors, FormValues } from './form-values.js';
import { formValuesOf } from './form-values.js';
import { greenChannelRoutes } from './green-channel-routes.js';
import { greenChannelSection } from './green-channel-section.js';
import { publicChannelRoutes } from './public-channel-routes.js';
import { publicChannelSection } from './public-channel-section.js';
import { registrationRoutes } from './registration-routes.js';
import { searchResultsPage } from './search-page.js';
import { sessionPrefillFromBooking, sessionPrefillOnSite } from './session-prefill.js';

const ListQuery = z.object({
  view: z.string().max(20).optional().catch(undefined),
  q: z.string().trim().max(50).optional().catch(undefined),
  unit: z.literal('mine').optional().catch(undefined),
  overdue: z.literal('yes').optional().catch(undefined),
  cursor: z.string().max(400).optional().catch(undefined),
  notice: z.string().max(60).optional().catch(undefined),
});

const isTransition = (value: string): value is TransitionName =>
  (transitionNames as readonly string[]).includes(value);

/** The Chinese line shown above the forms when the use case refused an action. */
function problemText(refusal: Refusal, transition: TransitionName): string {
  if (refusal.code === 'illegal_transition' && typeof refusal.details.currentStage === 'string') {
    const stage = stageLabelsZh[refusal.details.currentStage as Stage] ?? refusal.details.currentStage;
    return `操作未成功：案件当前处于「${stage}」阶段，不能${transitionLabelsZh[transition]}。页面已显示案件的最新状态。`;
  }
  return `操作未成功：${refusal.reasonZh}。`;
}

/**
 * The staff workbench (业务系统) under /dashboard/work: the case list, the case page with the actions
 * the caller may take now, intake and the 调解超市. Every role works here; what each sees and may do is
 * decided by the use cases (the same rules as the API).
 */
export function workbenchRoutes(deps: AppDependencies) {
  const db = deps.database.db;
  const transitionDeps = transitionDependencies(deps);

  const notFound = (c: Context<DashboardEnv>, caseNumber: string) =>
    c.html(
      messagePage({
        title: '没有这个案件',
        message: `没有找到案件 ${caseNumber}，或您无权查看。`,
        ...sessionOf(c),
        back: '/dashboard/work',
      }),
      404,
    );

  /** The case page; after a refused action, with the form as typed, its fields marked, and the reason. */
  async function renderCase(
    c: Context<DashboardEnv>,
    caseNumber: string,
    options: {
      status?: RefusalStatus | 200;
      refused?: { transition: TransitionName; values: FormValues; errors: FieldErrors };
      channelRefused?: { form: 'message' | 'slot'; values: FormValues; errors: FieldErrors };
      consentErrors?: FieldErrors;
      problem?: string;
    } = {},
  ) {
    if (!caseNumberPattern.test(caseNumber)) return notFound(c, caseNumber);
    const principal = c.get('principal');
    let response: Awaited<ReturnType<typeof readCase>>;
    try {
      response = await readCase(db, principal, caseNumber, deps.temporal);
    } catch (error) {
      if (error instanceof Refusal && error.code === 'not_found') return notFound(c, caseNumber);
      throw error;
    }
    const timeline = await readCaseTimeline(db, caseNumber);
    if (!timeline) return notFound(c, caseNumber);
    const assigning = response.allowedTransitions.includes('assign');
    const mediators = assigning ? await listDirectoryMediators(db, principal) : [];
    const units = assigning ? await listDirectoryUnits(db, principal) : [];
    const suggestedStation = assigning ? await suggestTriageStation(db, response.category) : null;
    const conflicts =
      assigning && deps.conflictCheck
        ? await checkCandidateConflicts(
            db,
            deps.conflictCheck,
            caseNumber,
            mediators.map((mediator) => mediator.id),
          )
        : undefined;
    const user = c.get('user');
    const channel = await readPublicChannelForStaff(db, caseNumber, response.assigneeId ?? null);
    const mayFlag = user.role === 'clerk' || user.role === 'supervisor';
    const candidates =
      mayFlag && !response.greenChannel ? await greenChannelCandidates(db, response.parties) : [];
    const flaggedBy = response.greenChannel?.flaggedBy ?? null;
    const flaggedByName = flaggedBy
      ? (await namesOf(db, { userIds: [flaggedBy], unitIds: [] })).user(flaggedBy)
      : null;
    return c.html(
      caseWorkPage(sessionOf(c), {
        publicChannel: publicChannelSection({
          caseNumber,
          csrfToken: c.get('csrfToken'),
          channel,
          hasAssignee: Boolean(response.assigneeId),
          mayPublishSlots: user.role !== 'mediator' || response.assigneeId === user.userId,
          mayRecordSession: response.allowedTransitions.includes('recordSession'),
          refused: options.channelRefused,
        }),
        // The party panel shows full ID numbers only to those who need them (use-cases/cases/masking.ts).
        response: {
          ...response,
          parties: partiesForCasePage(response.parties, principal, {
            stage: response.stage,
            assigneeId: response.assigneeId ?? null,
          }),
        },
        timeline,
        consent: consentSection({
          view: response,
          csrfToken: c.get('csrfToken'),
          mayRecord: user.role !== 'mediator' || response.assigneeId === user.userId,
          errors: options.consentErrors,
        }),
        greenChannel: greenChannelSection({
          view: response,
          csrfToken: c.get('csrfToken'),
          candidates,
          flaggedByName,
        }),
        forms: {
          mediators,
          units,
          suggestedStation,
          chosenMediatorId: response.chosenMediatorId,
          ...(conflicts ? { conflicts } : {}),
          isSupervisor: user.role === 'supervisor' || user.role === 'admin',
          ...(options.refused ? { refused: options.refused } : {}),
          prefill:
            sessionPrefillFromBooking(
              response,
              channel.bookings,
              c.req.query('session')?.slice(0, 36),
              timeline.unitName,
            ) ??
            sessionPrefillOnSite(response, [
              await unitKindOf(db, response.unitId ?? null),
              await unitKindOf(db, user.unitId ?? null),
            ]),
        },
        notice: c.req.query('notice')?.slice(0, 60),
        problem: options.problem,
      }),
      options.status ?? 200,
    );
  }

  const app = new Hono<DashboardEnv>();
  app.get('/', async (c) => {
    const user = c.get('user');
    const query = ListQuery.parse(c.req.query());
    const views = viewsFor(user);
    const view: CaseListView = views.includes(query.view as CaseListView)
      ? (query.view as CaseListView)
      : user.role === 'mediator'
        ? 'mine'
        : user.role === 'clerk'
          ? 'intake'
          : 'all';
    // A case number typed into the keyword box opens the case (the page itself decides who may see it).
    if (query.q && caseNumberPattern.test(query.q.toUpperCase()))
      return c.redirect(`/dashboard/work/cases/${query.q.toUpperCase()}`, 303);
    const unitOnly = query.unit === 'mine' && user.unitId !== null;
    const page = await listCases(db, c.get('principal'), {
      limit: 20,
      // A mediator's own cases by what falls due first (a late case is soonest); queues newest first.
      order: view === 'mine' ? 'nextDue' : 'registered',
      stage: caseListViews[view].stage,
      q: query.q || undefined,
      unitId: unitOnly ? (user.unitId ?? undefined) : undefined,
      overdue: query.overdue === 'yes' ? 'true' : undefined,
      cursor: query.cursor,
    });
    const names = await namesOf(db, {
      userIds: page.items.map((item) => item.assigneeId),
      unitIds: page.items.map((item) => item.unitId),
    });
    return c.html(
      caseListPage(sessionOf(c), {
        view,
        q: query.q ?? '',
        unitOnly,
        overdueOnly: query.overdue === 'yes',
        items: page.items,
        nextCursor: page.nextCursor,
        names,
        notice: query.notice,
        bookings: user.role === 'mediator' ? await listMediatorBookings(db, c.get('principal').userId) : [],
      }),
    );
  });

  app.get('/cases/:caseNumber', (c) => renderCase(c, c.req.param('caseNumber')));

  app.post('/cases/:caseNumber/actions/:transition', async (c) => {
    const caseNumber = c.req.param('caseNumber');
    const transition = c.req.param('transition');
    if (!isTransition(transition) || !caseNumberPattern.test(caseNumber)) return notFound(c, caseNumber);
    const values = formValuesOf(await c.req.parseBody());
    const parsed = readActionForm(transition, values);
    if (!parsed.ok) {
      return renderCase(c, caseNumber, {
        status: 400,
        refused: { transition, values, errors: parsed.errors },
        problem: '请按标出的内容修改后重新提交。',
      });
    }
    try {
      await applyTransition(transitionDeps, c.get('principal'), caseNumber, transition, parsed.input);
    } catch (error) {
      const refusal = toRefusal(error);
      if (!refusal || refusal.code === 'service_unavailable') throw error;
      if (refusal.code === 'not_found') return notFound(c, caseNumber);
      const errors: FieldErrors = {};
      for (const fieldError of refusal.details.errors ?? [])
        errors[fieldError.field] = fieldError.reasonZh ?? refusal.reasonZh;
      c.get('logger').info({ caseNumber, transition, code: refusal.code }, 'workbench action refused');
      return renderCase(c, caseNumber, {
        status: refusal.status,
        refused: { transition, values, errors },
        problem: problemText(refusal, transition),
      });
    }
    c.get('logger').info({ caseNumber, transition }, 'workbench action');
    return c.redirect(`/dashboard/work/cases/${caseNumber}?notice=done-${transition}`, 303);
  });

  app.route('/', publicChannelRoutes(deps, renderCase, notFound));
  app.route('/', consentRoutes(deps, renderCase, notFound));
  app.route('/', greenChannelRoutes(deps, renderCase, notFound));

  app.get('/search', (c) =>
    c.html(searchResultsPage(sessionOf(c), { values: {}, errors: {}, results: undefined })),
  );
  app.post('/search', async (c) => {
    const values = formValuesOf(await c.req.parseBody());
    const number = (values.number ?? '').replace(/[\s-]/g, '').toUpperCase();
    if (caseNumberPattern.test(number)) return c.redirect(`/dashboard/work/cases/${number}`, 303);
    if (number.length < 7 || number.length > 40) {
      const errors = { number: '请输入完整的证件号码、电话或案件编号（精确查找）' };
      return c.html(searchResultsPage(sessionOf(c), { values, errors, results: undefined }), 400);
    }
    const results = await searchCasesByPartyNumber(partyLookupDependencies(deps), c.get('principal'), number);
    return c.html(searchResultsPage(sessionOf(c), { values, errors: {}, results }));
  });

  app.route('/', registrationRoutes(deps));
  app.get('/mediators', directoryPageRoute(deps));
  return app;
}
