import { z } from '@hono/zod-openapi';
import { deadlinePolicyKeys, startEventKinds } from '../../domain/deadline-policy.js';
import { periodUnits } from '../../domain/periods.js';
import { institutionKinds, staffRoles, unitKinds } from '../../domain/vocabulary.js';

/** Request and response schemas of the admin API (/v1/admin) and the staff self-service routes (/v1/me). */

const text = (max: number) => z.string().trim().min(1).max(max);
const uuid = z.string().uuid();
const timestamp = z.string().openapi({ description: 'ISO 8601 instant' });

const pathUuid = (name: string) =>
  uuid.openapi({ param: { name, in: 'path' }, example: '0b6f3c1e-2a51-4c2e-9d0a-5f1b7c3e9a10' });

export const IdParam = z.object({ id: pathUuid('id') });

// ---- units (中心 / 调解站 / 调解点) ----

export const UnitSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    kind: z.enum(unitKinds),
    parentId: z.string().nullable(),
    createdAt: timestamp,
  })
  .openapi('Unit');

export const CreateUnitBody = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/, 'letters, digits, _ and -, at most 40')
      .openapi({ example: 'HLBE-ST-01' }),
    name: text(200).openapi({ example: '物业纠纷调解站' }),
    kind: z.enum(unitKinds).openapi({
      description:
        'centre 中心, station 行业调解站, point 乡镇/村调解点（网格）, circuit_team 巡回调解小分队',
    }),
    parentId: uuid.optional().openapi({ description: 'The unit this one belongs to' }),
  })
  .strict()
  .openapi('CreateUnit');

export const UnitListQuery = z.object({
  kind: z.enum(unitKinds).optional(),
  parentId: uuid.optional(),
});

// ---- staff users ----

const staffRoleValues = staffRoles;

const password = z
  .string()
  .min(12, 'must be at least 12 characters')
  .max(200, 'must be at most 200 characters')
  .openapi({ description: 'At least 12 characters; stored only as a scrypt hash', format: 'password' });

const idNumber = z.string().trim().min(4).max(40);

export const UserSchema = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    role: z.enum(staffRoleValues),
    unitId: z.string().nullable(),
    idNumber: z.string().nullable().openapi({ description: 'Masked (150702********1234)' }),
    active: z.boolean(),
    createdAt: timestamp,
  })
  .openapi('StaffUser');

export const CreateUserBody = z
  .object({
    username: z
      .string()
      .trim()
      .regex(/^[a-z0-9][a-z0-9._-]{1,63}$/, 'lowercase letters, digits, . _ and -, 2 to 64 characters'),
    displayName: text(100),
    role: z.enum(staffRoleValues),
    unitId: uuid.optional().openapi({ description: 'Required for every role except admin' }),
    password,
    idNumber: idNumber.optional().openapi({ description: 'The person’s own ID number, for 回避 checks' }),
  })
  .strict()
  .superRefine((body, context) => {
    if (body.role !== 'admin' && body.unitId === undefined) {
      context.addIssue({ code: 'custom', path: ['unitId'], message: `required for a ${body.role}` });
    }
    if (body.password.toLowerCase().includes(body.username.toLowerCase())) {
      context.addIssue({ code: 'custom', path: ['password'], message: 'must not contain the username' });
    }
  })
  .openapi('CreateUser');

export const UpdateUserBody = z
  .object({
    displayName: text(100).optional(),
    role: z.enum(staffRoleValues).optional(),
    unitId: uuid.nullable().optional(),
    active: z.boolean().optional(),
    password: password.optional().openapi({ description: 'A new password (reset)' }),
    idNumber: idNumber.nullable().optional(),
  })
  .strict()
  .refine((body) => Object.keys(body).length > 0, { message: 'name at least one field to change' })
  .openapi('UpdateUser');

export const UserListQuery = z.object({
  role: z.enum(staffRoleValues).optional(),
  unitId: uuid.optional(),
  active: z.enum(['true', 'false']).optional(),
});

// ---- declared relations for conflict-of-interest checks (回避申报) ----

export const RelationSchema = z
  .object({
    id: z.string(),
    userId: z.string(),
    name: z.string(),
    idNumber: z.string().nullable(),
    relation: z.string(),
    declaredAt: timestamp,
  })
  .openapi('MediatorRelation');

export const DeclareRelationBody = z
  .object({
    name: text(200).openapi({ example: '张三' }),
    idNumber: idNumber.optional(),
    relation: text(100).openapi({ example: '近亲属', description: 'e.g. 近亲属, 同事, 曾代理' }),
  })
  .strict()
  .openapi('DeclareRelation');

// ---- institutions and their API keys ----

const institutionKindValues = institutionKinds;

export const InstitutionSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    kind: z.enum(institutionKindValues),
    callbackUrl: z.string().nullable(),
    createdAt: timestamp,
    updatedAt: timestamp,
  })
  .openapi('Institution');

export const CreateInstitutionBody = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$/, 'letters, digits, _ and -, at most 40'),
    name: text(200).openapi({ example: '海拉尔区人民法院' }),
    kind: z.enum(institutionKindValues),
    callbackUrl: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL' })
      .max(2000)
      .optional()
      .openapi({ description: 'Where outcomes are posted back' }),
  })
  .strict()
  .openapi('CreateInstitution');

export const InstitutionListQuery = z.object({ kind: z.enum(institutionKindValues).optional() });

export const ApiKeySchema = z
  .object({
    keyId: z.string(),
    institutionId: z.string(),
    label: z.string().nullable(),
    createdAt: timestamp,
    revokedAt: timestamp.nullable(),
  })
  .openapi('ApiKey');

export const IssuedApiKeySchema = ApiKeySchema.extend({
  key: z.string().openapi({ description: 'The whole key, shown this once; only its hash is stored' }),
}).openapi('IssuedApiKey');

export const IssueApiKeyBody = z
  .object({ label: text(100).optional() })
  .strict()
  .openapi('IssueApiKey');

export const ApiKeyParams = z.object({
  id: pathUuid('id'),
  keyId: z
    .string()
    .regex(/^[a-z0-9]{12}$/, 'must be a 12-character key id')
    .openapi({ param: { name: 'keyId', in: 'path' }, example: 'k3x9p2m7q1z8' }),
});

// ---- deadline policies (期限规则) ----

const isoDate = z.iso.date();

export const DeadlinePolicySchema = z
  .object({
    id: z.string(),
    key: z.enum(deadlinePolicyKeys),
    effectiveFrom: z.string(),
    effectiveTo: z.string().nullable(),
    startEvent: z.enum(startEventKinds),
    direction: z.enum(['after', 'before']),
    period: z.object({ unit: z.enum(periodUnits), length: z.number() }),
    reminders: z.object({ daysBefore: z.array(z.number()), fractions: z.array(z.number()) }),
    extension: z.object({ maxDays: z.number().nullable(), requiresConsent: z.boolean() }).nullable(),
    rule: z.string(),
    ruleZh: z.string(),
    source: z.string(),
    updatedBy: z.string().nullable(),
    updatedAt: timestamp,
  })
  .openapi('DeadlinePolicy');

/**
 * Only the shape is checked here; whether the values make a usable policy is the domain's
 * `policyProblems`, answered as 422.
 */
export const CreateDeadlinePolicyBody = z
  .object({
    key: z.enum(deadlinePolicyKeys),
    effectiveFrom: isoDate.openapi({ description: 'First day of the new era', example: '2027-01-01' }),
    effectiveTo: isoDate.nullable().optional(),
    startEvent: z.enum(startEventKinds),
    direction: z.enum(['after', 'before']),
    period: z.object({ unit: z.enum(periodUnits), length: z.number() }).strict(),
    reminders: z
      .object({ daysBefore: z.array(z.number()).max(10), fractions: z.array(z.number()).max(10) })
      .strict(),
    extension: z
      .object({ maxDays: z.number().nullable(), requiresConsent: z.boolean() })
      .strict()
      .nullable()
      .optional(),
    rule: text(2000),
    ruleZh: text(2000),
    source: text(1000),
  })
  .strict()
  .openapi('CreateDeadlinePolicy');

export const CloseDeadlinePolicyBody = z
  .object({
    effectiveTo: isoDate.nullable().openapi({ description: 'Last day of the era; null reopens it' }),
  })
  .strict()
  .openapi('CloseDeadlinePolicy');

export const PolicyIdParam = z.object({
  id: z
    .string()
    .regex(/^[a-z_.]+@\d{4}-\d{2}-\d{2}$/, 'must look like stage.complex@2027-01-01')
    .openapi({ param: { name: 'id', in: 'path' }, example: 'stage.complex@2020-01-01' }),
});

export const PolicyListQuery = z.object({ key: z.enum(deadlinePolicyKeys).optional() });

// ---- holiday calendar (节假日 / 调休上班) ----

export const YearParam = z.object({
  year: z.coerce
    .number()
    .int()
    .min(2000)
    .max(2100)
    .openapi({ param: { name: 'year', in: 'path' }, example: 2027 }),
});

const CalendarDaySchema = z
  .object({
    date: z.string(),
    kind: z.enum(['holiday', 'make_up_workday', 'workday', 'weekend']),
    working: z.boolean(),
    name: z.string().optional(),
    source: z.enum(['package', 'override', 'statute', 'weekday_rule']).openapi({
      description:
        'package: the State Council notice in the holiday package; override: an admin row; statute: a day the law ' +
        'fixes in every year (全国年节及纪念日放假办法 art 2), in a year the package does not cover',
    }),
  })
  .openapi('CalendarDay');

export const CalendarYearSchema = z
  .object({
    year: z.number().int(),
    confirmed: z.boolean().openapi({ description: 'Package data or loaded by an admin' }),
    inPackage: z.boolean().openapi({ description: 'The holiday package has data for the year' }),
    loaded: z.object({ by: z.string().nullable(), at: timestamp }).nullable(),
    days: z
      .array(CalendarDaySchema)
      .openapi({ description: 'Holidays, make-up working days and overridden days of the year' }),
    overrides: z.array(
      z.object({ date: z.string(), kind: z.enum(['holiday', 'workday']), name: z.string().nullable() }),
    ),
  })
  .openapi('CalendarYear');

export const ReplaceCalendarYearBody = z
  .object({
    days: z
      .array(
        z
          .object({
            date: isoDate,
            kind: z.enum(['holiday', 'workday']).openapi({ description: 'holiday 放假, workday 调休上班' }),
            name: text(50).optional().openapi({ example: '春节' }),
          })
          .strict(),
      )
      .max(366),
  })
  .strict()
  .openapi('ReplaceCalendarYear');

export const CalendarReplacedSchema = CalendarYearSchema.extend({
  signalling: z
    .object({
      workflowId: z.string().openapi({ description: 'The fan-out workflow that tells the running cases' }),
      done: z
        .boolean()
        .openapi({ description: 'Whether every case had been told when this answer was given' }),
      candidates: z.number().int().openapi({
        description:
          'Cases with running deadlines the change may move: unconfirmed in the year, or (for a correction of a confirmed year) running through it',
      }),
      signalled: z.number().int(),
      skipped: z.number().int().openapi({ description: 'Their workflow had already completed' }),
      failed: z
        .array(z.string())
        .openapi({ description: 'Case numbers not reached; PUT the year again to retry' }),
    })
    .openapi({ description: 'Running cases told to recompute their deadlines' }),
}).openapi('CalendarReplaced');
