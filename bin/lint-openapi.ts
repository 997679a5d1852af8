/**
 * `npm run lint:openapi`: the OpenAPI document the API publishes, checked by a linter of someone
 * else's (Redocly CLI, its recommended rules), so that what a court's IT department reads in /docs and
 * feeds to its code generators is a valid, complete contract. Redocly CLI comes from npm through npx,
 * pinned, and is not a dependency of the app. Exits 1 on any error and on any warning about operation
 * ids or security; prints every problem.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pino from 'pino';
import { createHttpApp } from '../server/create-http-app.js';

/** Pinned: a new release may bring new rules; moving it is a change of its own. */
export const redoclyCli = '@redocly/cli@2.77.0';

export interface LintProblem {
  ruleId: string;
  severity: 'error' | 'warn';
  message: string;
  location?: { pointer?: string }[];
}

export interface LintReport {
  totals: { errors: number; warnings: number; ignored: number };
  problems: LintProblem[];
}

/** The problems the document must never have: any error, and warnings on operation ids or security. */
export function blockingProblems(report: LintReport): LintProblem[] {
  return report.problems.filter(
    (problem) =>
      problem.severity === 'error' ||
      problem.ruleId.startsWith('operation-operationId') ||
      problem.ruleId.includes('security'),
  );
}

/** The document as the API serves it at /openapi.json (nothing behind it is reached to build it). */
export async function publishedDocument(): Promise<unknown> {
  const app = createHttpApp({
    database: { db: {}, sql: {} } as never,
    temporal: {} as never,
    logger: pino({ level: 'silent' }),
    settings: {
      taskQueue: 'lint',
      caseNumberPrefix: 'HLBE',
      tokenSecret: 'lint-openapi-only-never-signs-anything-0000',
      tokenTtlSeconds: 60,
      lookupHashKey: 'lint-openapi-only-never-digests-anything-000',
    },
  });
  const response = await app.request('/openapi.json');
  if (response.status !== 200) throw new Error(`/openapi.json answered ${response.status}`);
  return response.json();
}

/** Run Redocly CLI's `lint` with its recommended rules over a document; its JSON report. */
export async function lintOpenApi(document: unknown): Promise<LintReport> {
  const folder = await mkdtemp(join(tmpdir(), 'feisutong-openapi-'));
  try {
    const file = join(folder, 'openapi.json');
    await writeFile(file, JSON.stringify(document));
    const args = ['--yes', redoclyCli, 'lint', file, '--extends=recommended', '--format=json'];
    const { code, stdout, stderr } = await run('npx', args, folder);
    const start = stdout.indexOf('{');
    if (start < 0) throw new Error(`redocly lint gave no report (exit ${code}):\n${stderr}`);
    return JSON.parse(stdout.slice(start)) as LintReport;
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

function run(command: string, args: string[], cwd: string) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: {
        ...process.env,
        REDOCLY_TELEMETRY: 'off',
        REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
        NO_COLOR: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function main(): Promise<void> {
  const report = await lintOpenApi(await publishedDocument());
  for (const problem of report.problems) {
    const where = problem.location?.[0]?.pointer ?? '';
    console.log(`${problem.severity.padEnd(5)} ${problem.ruleId}  ${where}\n      ${problem.message}`);
  }
  const blocking = blockingProblems(report);
  console.log(
    `redocly lint (${redoclyCli}, recommended rules): ${report.totals.errors} errors, ${report.totals.warnings} warnings`,
  );
  if (blocking.length > 0) {
    console.error(`${blocking.length} of them must be fixed (errors, operationId and security warnings).`);
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
