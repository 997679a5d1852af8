import { z } from '@hono/zod-openapi';

/** How a report to the institution travelled: never the receiver's status code (use-cases/referrals/delivery-progress.ts). */
export const DeliveryProgressSchema = z
  .object({
    id: z.string().openapi({ description: 'the X-Feisutong-Delivery id the receiver deduplicates on' }),
    kind: z.string(),
    status: z.enum(['delivered', 'pending', 'failing', 'pull']).openapi({
      description:
        'delivered 已送达 | pending 尚未发送 | failing 发送失败、正在按退避间隔重试（见 firstFailedAt）| pull 未提供回调地址，请调用查询接口获取',
    }),
    attempts: z.number().int(),
    deliveredAt: z.string().nullable(),
    firstFailedAt: z
      .string()
      .nullable()
      .openapi({ description: 'while failing: since when (the first failed attempt)' }),
    lastAttemptAt: z.string().nullable(),
  })
  .openapi('DeliveryProgress');
