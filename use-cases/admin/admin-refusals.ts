import { Refusal } from '../../domain/refusals.js';

/** Refusals the admin use-cases share; each names the field it is about. */
export const adminProblems = {
  alreadyExists: (field: string, detail: string) =>
    new Refusal('already_exists', { detail: detail, errors: [{ field, reason: 'already exists' }] }),
  unknownReference: (field: string, detail: string) =>
    new Refusal('unknown_reference', { detail: detail, errors: [{ field, reason: 'does not exist' }] }),
  unitRequired: (role: string) =>
    new Refusal('unit_required', {
      detail: `unitId: a ${role} must belong to a unit`,
      errors: [{ field: 'unitId', reason: `required for a ${role}` }],
    }),
};
