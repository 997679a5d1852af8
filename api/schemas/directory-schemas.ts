import { z } from '@hono/zod-openapi';
import {
  disputeCategories,
  mediationLanguages,
  mediatorQualifications,
  unitKinds,
} from '../../domain/vocabulary.js';
import type {
  DirectoryMediator,
  DirectoryMediatorFilter,
} from '../../use-cases/directory/list-directory-mediators.js';
import type { DirectoryUnit } from '../../use-cases/directory/list-directory-units.js';
import type { MediatorProfileInput } from '../../use-cases/directory/set-mediator-profile.js';
import { sameShape } from './same-shape.js';

/** Schemas of the staff directory (/v1/directory): mediators (调解超市) and units, without admin fields. */

export const DirectoryMediatorQuery = z
  .object({
    category: z.enum(disputeCategories).optional().openapi({ description: 'a specialty (纠纷类别)' }),
    qualification: z.enum(mediatorQualifications).optional(),
    language: z.enum(mediationLanguages).optional(),
    unitId: z.string().uuid().optional(),
    q: z.string().trim().min(1).max(50).optional().openapi({ description: 'part of the name' }),
  })
  .strict();

export const DirectoryMediatorSchema = z
  .object({
    id: z.string(),
    displayName: z.string(),
    unitId: z.string().nullable(),
    unitName: z.string().nullable(),
    qualifications: z.array(z.enum(mediatorQualifications)),
    specialties: z.array(z.enum(disputeCategories)),
    languages: z.array(z.enum(mediationLanguages)),
    introduction: z.string(),
    openCases: z.number().int().openapi({ description: 'assigned cases being routed or mediated now' }),
    settledCases: z.number().int(),
    averageDaysToSettle: z
      .number()
      .nullable()
      .openapi({ description: 'calendar days, registration to settlement' }),
    averageSatisfaction: z.number().nullable().openapi({ description: '1–5, from follow-up visits' }),
    followUps: z.number().int(),
    partyRating: z
      .number()
      .nullable()
      .openapi({ description: '1–5, average of the ratings parties gave on the public channel (/my)' }),
    partyRatings: z.number().int().openapi({ description: 'how many ratings parties gave' }),
  })
  .openapi('DirectoryMediator');

export const DirectoryUnitSchema = z
  .object({
    id: z.string(),
    code: z.string(),
    name: z.string(),
    kind: z.enum(unitKinds),
    parentId: z.string().nullable(),
    mediators: z.number().int(),
    openCases: z.number().int(),
  })
  .openapi('DirectoryUnit');

export const MediatorProfileBody = z
  .object({
    qualifications: z.array(z.enum(mediatorQualifications)).max(20),
    specialties: z.array(z.enum(disputeCategories)).max(20),
    languages: z.array(z.enum(mediationLanguages)).max(10),
    introduction: z.string().trim().max(1000),
  })
  .strict()
  .openapi('MediatorProfile');

export const MediatorProfileSchema = MediatorProfileBody.extend({ userId: z.string() }).openapi(
  'MediatorProfileStored',
);

sameShape<z.infer<typeof DirectoryMediatorQuery>, DirectoryMediatorFilter>();
sameShape<z.infer<typeof DirectoryMediatorSchema>, DirectoryMediator>();
sameShape<z.infer<typeof DirectoryUnitSchema>, DirectoryUnit>();
sameShape<z.infer<typeof MediatorProfileBody>, MediatorProfileInput>();
