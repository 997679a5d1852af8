import { OpenAPIHono, z } from '@hono/zod-openapi';
import type { AppDependencies } from '../../http/dependencies.js';
import { listNotifications, markNotificationRead } from '../../use-cases/inbox/notifications.js';
import { allStaff } from '../access.js';
import type { AppEnv, StaffPrincipal } from '../context.js';
import { problemResponseSpec, secureRoute, standardProblems } from '../route.js';

const NotificationSchema = z
  .object({
    key: z.string(),
    caseNumber: z.string().nullable(),
    kind: z.string(),
    title: z.string(),
    body: z.string(),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .openapi('Notification');

const inboxRoute = secureRoute({
  method: 'get',
  path: '/',
  tags: ['inbox'],
  operationId: 'listMyNotifications',
  summary: '查询本人的通知（提醒、超期、指派、督办）',
  description: `工作人员查看发给自己的通知：期限临近提醒、超期通知、新指派的案件、督办令等，由新到旧，可只看未读。只读。`,
  refusals: [],
  access: allStaff,
  request: {
    query: z.object({
      unread: z.enum(['true', 'false']).optional(),
      before: z
        .string()
        .datetime({ offset: true })
        .optional()
        .openapi({ description: 'createdAt of the last item seen' }),
      limit: z.coerce.number().int().min(1).max(200).default(50),
    }),
  },
  responses: {
    200: {
      description: 'Notifications',
      content: { 'application/json': { schema: z.object({ items: z.array(NotificationSchema) }) } },
    },
    ...standardProblems,
  },
});

const markReadRoute = secureRoute({
  method: 'post',
  path: '/{key}/read',
  tags: ['inbox'],
  operationId: 'markNotificationRead',
  summary: '把本人的一条通知标为已读',
  description: `工作人员把自己的一条通知标为已读；重复标记不出错。只能标记发给自己的通知（他人的一律 404）。`,
  refusals: ['not_found'],
  access: allStaff,
  request: { params: z.object({ key: z.string().min(1).max(300) }) },
  responses: {
    200: { description: 'Marked', content: { 'application/json': { schema: NotificationSchema } } },
    404: problemResponseSpec('Not one of mine'),
    ...standardProblems,
  },
});

export function inboxRoutes(deps: AppDependencies) {
  const db = deps.database.db;
  return new OpenAPIHono<AppEnv>()
    .openapi(inboxRoute, async (c) => {
      const me = (c.get('principal') as StaffPrincipal).userId;
      return c.json({ items: await listNotifications(db, me, c.req.valid('query')) }, 200);
    })
    .openapi(markReadRoute, async (c) => {
      const me = (c.get('principal') as StaffPrincipal).userId;
      return c.json(await markNotificationRead(db, me, c.req.valid('param').key), 200);
    });
}
