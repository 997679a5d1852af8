import type { Database } from '../db/client.js';
import { type ProjectCaseInput, projectCase } from './project-case.js';

export interface ActivityDependencies {
  db: Database;
}

/** Every side effect the workflows may ask for, bound to its dependencies. */
export function createActivities(deps: ActivityDependencies) {
  return {
    projectCase: (input: ProjectCaseInput) => projectCase(deps.db, input),
  };
}

export type CaseActivities = ReturnType<typeof createActivities>;
