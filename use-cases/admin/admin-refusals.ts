import { Problem } from '../../api/problem.js';

/** Refusals the admin use-cases share; each names the field it is about. */
export const adminProblems = {
  alreadyExists: (field: string, detail: string) =>
    new Problem(409, 'already_exists', 'Already exists', detail, {
      errors: [{ field, reason: 'already exists' }],
    }),
  unknownReference: (field: string, detail: string) =>
    new Problem(422, 'unknown_reference', 'Refers to something that does not exist', detail, {
      errors: [{ field, reason: 'does not exist' }],
    }),
  unitRequired: (role: string) =>
    new Problem(422, 'unit_required', 'A unit is required', `unitId: a ${role} must belong to a unit`, {
      errors: [{ field: 'unitId', reason: `required for a ${role}` }],
    }),
};
