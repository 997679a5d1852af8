import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockingProblems, type LintReport, lintOpenApi } from '../../bin/lint-openapi.js';
import { isRefusalCode } from '../../domain/refusals.js';
import { startTestSystem, type TestSystem } from '../helpers/test-system.js';

interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  security?: unknown[];
  responses?: Record<string, unknown>;
  'x-access'?: string[];
}
interface Document {
  info: { description?: string; license?: { name?: string } };
  servers?: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
}

const hasChinese = (text: string | undefined) => /[\u4e00-\u9fff]/.test(text ?? '');

/**
 * The document a court's IT department reads at /docs and feeds to its code generator, as the running
 * API publishes it, checked by a linter that is not ours (Redocly CLI, recommended rules) and read for
 * what the linter cannot judge: Chinese text a person can act on.
 */
describe('the OpenAPI document, as a third-party linter and a reader see it', () => {
  let system: TestSystem;
  let document: Document;
  let operations: [string, Operation][];
  let report: LintReport;

  beforeAll(async () => {
    system = await startTestSystem();
    document = (await (await system.request('GET', '/openapi.json')).json()) as Document;
    operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(
        ([method, operation]) => [`${method.toUpperCase()} ${path}`, operation] as [string, Operation],
      ),
    );
    report = await lintOpenApi(document);
  }, 240_000);
  afterAll(() => system?.stop());

  it('passes redocly lint with no errors and no operationId or security warnings', () => {
    expect(blockingProblems(report)).toEqual([]);
    expect(report.totals.errors).toBe(0);
    expect(report.problems.filter((problem) => /operationId|security/.test(problem.ruleId))).toEqual([]);
  });

  it('names every operation with a stable, unique operationId and states its security, public ones as []', () => {
    const ids = operations.map(([, operation]) => operation.operationId);
    expect(ids.filter((id) => !(typeof id === 'string' && /^[a-z][A-Za-z]+$/.test(id)))).toEqual([]);
    expect(new Set(ids).size).toBe(ids.length);
    for (const [label, operation] of operations) {
      expect(operation.security, label).toBeDefined();
      if (operation['x-access']) expect(operation.security, label).toEqual([{ bearerAuth: [] }]);
      else expect(operation.security, label).toEqual([]);
    }
    expect(document.paths['/v1/auth/token']?.post?.security).toEqual([]);
    expect(document.servers?.length).toBeGreaterThan(0);
    expect(document.info.license?.name).toBeTruthy();
  });

  it('gives every operation a Chinese summary, a description of who calls it, and its refusals', () => {
    const lacking: string[] = [];
    for (const [label, operation] of operations) {
      if (!hasChinese(operation.summary) || /^[A-Za-z]/.test(operation.summary ?? ''))
        lacking.push(`${label}: summary "${operation.summary}"`);
      if (!hasChinese(operation.description) || !operation.description!.includes('可调用者'))
        lacking.push(`${label}: description`);
      if (!Object.keys(operation.responses ?? {}).some((status) => /^4\d\d$/.test(status)))
        lacking.push(`${label}: no 4xx response`);
      // Every refusal code the description lists is one of the registry's.
      for (const [, code] of (operation.description ?? '').matchAll(/\| \d{3} \| `([a-z_]+)` \|/g))
        if (!isRefusalCode(code)) lacking.push(`${label}: unknown refusal ${code}`);
    }
    expect(lacking).toEqual([]);
    const assign = document.paths['/v1/cases/{caseNumber}/assign']?.post;
    expect(assign?.description).toContain('`conflict_of_interest`');
    expect(document.paths['/v1/court/referrals']?.post?.description).toContain('`callback_url_forbidden`');
  });

  it('says how it writes timestamps (UTC, Z) and why, and what every operation may refuse', () => {
    expect(document.info.description).toMatch(/UTC/);
    expect(document.info.description).toContain('`Z`');
    expect(document.info.description).toContain('北京时间');
    expect(document.info.description).toContain('`authentication_required`');
  });
});
