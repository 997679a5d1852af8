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
  summary: 'A year’s holidays and make-up working days (节假日 / 调休上班), and whether it is confirmed',
  access: ['admin', 'supervisor'],
  request: { params: YearParam },
  responses: { 200: json(CalendarYearSchema, 'The year'), ...standardProblems },
});

const replaceYearRoute = secureRoute({
  method: 'put',
  path: '/{year}',
  tags,
  summary: 'Load a year’s holidays (replacing its overrides) and recompute the deadlines that waited for it',
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
