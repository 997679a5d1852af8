import { z } from '@hono/zod-openapi';
import {
  enterpriseIndustries,
  enterpriseSizes,
  marketEntityClasses,
} from '../../domain/enterprise-vocabulary.js';
import {
  isValidUnifiedSocialCreditCode as isUnifiedSocialCreditCode,
  normaliseCreditCode,
} from '../../domain/identity-numbers.js';
import type { Enterprise, EnterpriseContact } from '../../use-cases/enterprises/enterprise-response.js';
import type { EnterpriseListFilter } from '../../use-cases/enterprises/list-enterprises.js';
import type { RegisterEnterpriseInput } from '../../use-cases/enterprises/register-enterprise.js';
import { sameShape } from './same-shape.js';

export const EnterpriseIdParam = z.object({
  id: z
    .string()
    .uuid()
    .openapi({ param: { name: 'id', in: 'path' }, example: '5d1c7c1e-0f7a-4c55-9d3e-2a1f0c7d8e91' }),
});

const ContactSchema = z
  .object({
    name: z.string().trim().min(1).max(100),
    position: z.string().trim().min(1).max(100).optional().openapi({ description: '职务，如 法务负责人' }),
    phone: z
      .string()
      .trim()
      .regex(/^\+?[0-9][0-9 -]{5,19}$/, 'must be a phone number')
      .optional(),
  })
  .strict()
  .openapi('EnterpriseContact');

export const RegisterEnterpriseBody = z
  .object({
    name: z.string().trim().min(1).max(200).openapi({ description: '名称，与营业执照一致' }),
    creditCode: z
      .string()
      .max(40)
      .transform(normaliseCreditCode)
      .refine(isUnifiedSocialCreditCode, {
        message: 'not a 统一社会信用代码: 18 characters whose last is the GB 32100 check character',
      })
      .openapi({
        description: '统一社会信用代码 (GB 32100-2015); spaces dropped, letters in capitals',
        example: '91150700MA0N1X1X1Y',
      }),
    entityClass: z.enum(marketEntityClasses).openapi({ description: '市场主体类别（5类）' }),
    industry: z.enum(enterpriseIndustries).openapi({ description: '所属行业' }),
    size: z.enum(enterpriseSizes).optional().openapi({ description: '企业规模' }),
    address: z.string().trim().min(1).max(500).optional(),
    contacts: z.array(ContactSchema).max(20).default([]),
    unitId: z
      .string()
      .uuid()
      .optional()
      .openapi({ description: 'Unit that looks after the enterprise; defaults to the registering user’s' }),
  })
  .strict()
  .openapi('RegisterEnterprise');

export const EnterpriseSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    creditCode: z.string(),
    entityClass: z.enum(marketEntityClasses),
    entityClassZh: z.string(),
    industry: z.enum(enterpriseIndustries),
    industryZh: z.string(),
    size: z.enum(enterpriseSizes).nullable(),
    sizeZh: z.string().nullable(),
    address: z.string().nullable(),
    contacts: z
      .array(
        z.object({
          name: z
            .string()
            .openapi({ description: 'masked (张**) unless you work for the enterprise’s unit' }),
          position: z.string().optional(),
          phone: z.string().optional().openapi({ description: 'masked (138****1111) likewise' }),
        }),
      )
      .openapi({ description: 'masked in lists, and in full only for staff of the enterprise’s unit' }),
    unitId: z.string(),
    registeredAt: z.string(),
    links: z.object({ self: z.string() }),
  })
  .openapi('Enterprise');

export const EnterpriseListQuery = z.object({
  entityClass: z.enum(marketEntityClasses).optional(),
  industry: z.enum(enterpriseIndustries).optional(),
  size: z.enum(enterpriseSizes).optional(),
  unitId: z.string().uuid().optional(),
  q: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .openapi({ description: 'text in the name, or the start of the credit code' }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(300).optional().openapi({ description: 'nextCursor of the previous page' }),
});

sameShape<z.infer<typeof ContactSchema>, EnterpriseContact>();
sameShape<z.infer<typeof RegisterEnterpriseBody>, RegisterEnterpriseInput>();
sameShape<z.infer<typeof EnterpriseListQuery>, EnterpriseListFilter>();
sameShape<z.infer<typeof EnterpriseSchema>, Enterprise>();
