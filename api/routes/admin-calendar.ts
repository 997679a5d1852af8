import { OpenAPIHono, type z } from '@hono/zod-openapi';
import type { AppDependencies } from '../../http/dependencies.js';
import { fanOutCalendarChange } from '../../use-cases/admin/fan-out-calendar-change.js';
import { readCalendarYear } from '../../use-cases/admin/read-calendar-year.js';
import { replaceCalendarYear } from '../../use-cases/admin/replace-calendar-year.js';
import type { AppEnv, StaffPrincipal } from '../context.js';
import { secureRoute, standardProblems } from '../route.js';
import {
  CalendarReplacedSchema,
  CalendarYearSchema,
  ReplaceCalendarYearBody,
  YearParam,
} from '../schemas/admin-schemas.js';

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
const tags = ['admin: holiday calendar'];

const readYearRoute = secureRoute({
  method: 'get',
  path: '/{year}',
  tags,
  operationId: 'readCalendarYear',
  summary: '查询某年的节假日与调休上班日',
  description: `中心负责人或系统管理员查看某一年计算工作日所用的日历：法定节假日、调休上班日，以及该年是否已按国务院放假通知确认。
只读，不改变任何数据。未确认的年份，期限说明中会注明“日历未确认”。`,
  refusals: [],
  access: ['admin', 'supervisor'],
  request: { params: YearParam },
  responses: { 200: json(CalendarYearSchema, 'The year'), ...standardProblems },
});

const replaceYearRoute = secureRoute({
  method: 'put',
  path: '/{year}',
  tags,
  operationId: 'replaceCalendarYear',
  summary: '载入某年的节假日安排并重算受影响的期限',
  description: `系统管理员在国务院公布某年放假安排后录入该年的全部节假日与调休上班日：以本次提交的清单整体替换该年原有的设置，并把该年标记为已确认。
随后通过一个持久的分发流程通知所有期限跨越该年的在办案件，由各案件重算自己的期限（应答中给出分发流程的标识，以及应答时已通知的案件数）。
同一日期重复出现、日期不属于该年，均被拒绝且不写入任何内容。`,
  refusals: ['duplicate_calendar_override', 'invalid_date'],
  access: ['admin'],
  request: {
    params: YearParam,
    body: { required: true, content: { 'application/json': { schema: ReplaceCalendarYearBody } } },
  },
  responses: {
    200: json(CalendarReplacedSchema, 'The year as loaded, and the cases signalled'),
    ...standardProblems,
  },
});

/** /v1/admin/calendar */
export function adminCalendarRoutes(deps: AppDependencies) {
  const db = deps.database.db;
  return new OpenAPIHono<AppEnv>()
    .openapi(readYearRoute, async (c) => c.json(await readCalendarYear(db, c.req.valid('param').year), 200))
    .openapi(replaceYearRoute, async (c) => {
      const { year } = c.req.valid('param');
      const actor = c.get('principal') as StaffPrincipal;
      const logger = c.get('logger');
      const { calendar, corrected } = await replaceCalendarYear(
        db,
        year,
        c.req.valid('json').days,
        actor.userId,
      );
      // Only after the commit: a workflow that recomputes must find the year loaded.
      const signalling = await fanOutCalendarChange(
        { temporal: deps.temporal, taskQueue: deps.settings.taskQueue },
        { years: [year], corrected },
      );
      logger.info({ year, overrides: calendar.overrides.length, ...signalling }, 'calendar year loaded');
      return c.json({ ...calendar, signalling }, 200);
    });
}
