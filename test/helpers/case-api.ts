import { expect } from 'vitest';
import { caseWorkflowId, getCaseQuery } from '../../workflows/case.messages.js';
import type { TestSystem } from './test-system.js';

export interface CaseBody {
  caseNumber: string;
  stage: string;
  seq: number;
  [key: string]: unknown;
}

/** A small client for a test's story: each call asserts the status it expects. */
export function caseApi(system: TestSystem) {
  async function call(method: string, path: string, credential: string, body: unknown, expected: number) {
    const response = await system.request(method, path, {
      credential,
      ...(body === undefined ? {} : { body }),
    });
    const json = (await response.json()) as Record<string, unknown>;
    if (response.status !== expected) {
      throw new Error(
        `${method} ${path} answered ${response.status}, expected ${expected}: ${JSON.stringify(json)}`,
      );
    }
    return json;
  }
  return {
    call,
    register: (credential: string, body: unknown) =>
      call('POST', '/v1/cases', credential, body, 201) as Promise<CaseBody>,
    transition: (credential: string, caseNumber: string, path: string, body: unknown = {}, expected = 200) =>
      call('POST', `/v1/cases/${caseNumber}/${path}`, credential, body, expected) as Promise<CaseBody>,
    read: (credential: string, caseNumber: string) =>
      call('GET', `/v1/cases/${caseNumber}`, credential, undefined, 200) as Promise<CaseBody>,
    /** The read model (what GET answers) holds exactly what the workflow holds. */
    async expectReadModelMatchesWorkflow(credential: string, caseNumber: string) {
      const workflowView = await system.temporal.workflow
        .getHandle(caseWorkflowId(caseNumber))
        .query(getCaseQuery);
      const { projectedSeq: _projected, ...expected } = workflowView;
      const read = await call('GET', `/v1/cases/${caseNumber}`, credential, undefined, 200);
      const { allowedTransitions: _allowed, links: _links, ...actual } = read;
      expect(actual).toEqual(JSON.parse(JSON.stringify(expected)));
    },
  };
}
