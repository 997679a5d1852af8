import { OpenAPIHono, z } from '@hono/zod-openapi';
import { and, desc, eq, isNull, lt, type SQL } from 'drizzle-orm';
import { notifications } from '../../db/schema/index.js';
import { allStaff } from '../access.js';
import type { AppEnv, StaffPrincipal } from '../context.js';
import type { AppDependencies } from '../dependencies.js';
import { problems } from '../problem.js';
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
  summary: 'My notifications (reminders, overdue notices, assignments), newest first',
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
  summary: 'Mark one of my notifications read',
  access: allStaff,
  request: { params: z.object({ key: z.string().min(1).max(300) }) },
  responses: {
    200: { description: 'Marked', content: { 'application/json': { schema: NotificationSchema } } },
    404: problemResponseSpec('Not one of mine'),
    ...standardProblems,
  },
});

function toItem(row: typeof notifications.$inferSelect) {
  return {
    key: row.key,
    caseNumber: row.caseNumber,
    kind: row.kind,
    title: row.title,
    body: row.body,
    createdAt: row.createdAt.toISOString(),
    readAt: row.readAt?.toISOString() ?? null,
  };
}

export function inboxRoutes(deps: AppDependencies) {
  const db = deps.database.db;
  return new OpenAPIHono<AppEnv>()
    .openapi(inboxRoute, async (c) => {
      const { unread, before, limit } = c.req.valid('query');
      const me = (c.get('principal') as StaffPrincipal).userId;
      const conditions: SQL[] = [eq(notifications.recipientId, me)];
      if (unread === 'true') conditions.push(isNull(notifications.readAt));
      if (before) conditions.push(lt(notifications.createdAt, new Date(before)));
      const rows = await db
        .select()
        .from(notifications)
        .where(and(...conditions))
        .orderBy(desc(notifications.createdAt), desc(notifications.key))
        .limit(limit);
      return c.json({ items: rows.map(toItem) }, 200);
    })
    .openapi(markReadRoute, async (c) => {
      const { key } = c.req.valid('param');
      const me = (c.get('principal') as StaffPrincipal).userId;
      const [row] = await db
        .update(notifications)
        .set({ readAt: new Date() })
        .where(and(eq(notifications.key, key), eq(notifications.recipientId, me)))
        .returning();
      if (!row) throw problems.notFound('No such notification in your inbox.');
      return c.json(toItem(row), 200);
    });
}
