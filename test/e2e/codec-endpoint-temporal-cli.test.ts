import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readEnvironment } from '../../config/env.js';
import { resolveTemporalCli } from '../../config/temporal-binaries.js';
import { parsePayloadKeys } from '../../lib/payload-encryption.js';
import { codecEndpointFrom } from '../../system/codec-endpoint.js';
import { caseWorkflowId } from '../../workflows/case.messages.js';
import { caseApi } from '../helpers/case-api.js';
import { testPayloadKeysSetting } from '../helpers/payload-keys.js';
import { createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { startTestSystem, type TestSystem } from '../helpers/test-system.js';

const idNumber = '150702198805176629';
const phone = '13947001234';

/**
 * The codec endpoint as a real client of Temporal's protocol uses it: the Temporal CLI shows a case's
 * history through it (what the web UI does in the browser). Asynchronous: the API answering the CLI runs
 * in this process.
 */
describe('the Temporal CLI reads a case history in clear through the codec endpoint, with an admin token only', () => {
  let system: TestSystem;
  let admin: TestUser;
  let clerk: TestUser;
  let workflowId: string;
  const cli = resolveTemporalCli({ ...readEnvironment(), PATH: process.env.PATH }).path;

  beforeAll(async () => {
    if (!cli) throw new Error('run `npm run setup` first: the Temporal CLI is not in the cache');
    const keys = parsePayloadKeys(testPayloadKeysSetting);
    system = await startTestSystem({
      codecEndpoint: codecEndpointFrom(readEnvironment({ CODEC_ENDPOINT: 'on' }), keys),
    });
    const unit = await createUnit(system.database.db);
    admin = await createStaff(system.database.db, 'admin', unit.id);
    clerk = await createStaff(system.database.db, 'clerk', unit.id);
    const registered = await caseApi(system).register(clerk.token, {
      source: 'walk_in',
      summary: '楼上漏水导致楼下天花板受损，双方就赔偿金额协商不成',
      parties: [
        { kind: 'person', name: '乌云其其格', role: 'applicant', idType: 'resident_id', idNumber },
        { kind: 'person', name: '李强', role: 'respondent', phone },
      ],
    });
    workflowId = caseWorkflowId(registered.caseNumber);
  });

  afterAll(async () => {
    await system?.stop();
  });

  const show = (...codec: string[]) =>
    promisify(execFile)(
      cli!,
      ['workflow', 'show', '--address', inject('temporalAddress'), '--namespace', 'default'].concat([
        '--workflow-id',
        workflowId,
        '--output',
        'json',
        ...codec,
      ]),
      { timeout: 30_000 },
    ).then(
      ({ stdout }) => ({ ok: true, output: stdout }),
      (error: { stdout?: string; stderr?: string }) => ({
        ok: false,
        output: `${error.stdout ?? ''}${error.stderr ?? ''}`,
      }),
    );
  /** What the output says, payloads included: `--output json` leaves each payload's data in base64. */
  const readable = (output: string) =>
    [
      output,
      ...[...output.matchAll(/"data": "([A-Za-z0-9+/=]*)"/g)].map(([, data]) =>
        Buffer.from(data!, 'base64').toString('utf8'),
      ),
    ].join('\n');
  const codecEndpoint = () => ['--codec-endpoint', `${system.baseUrl}/codec`];

  it('shows the parties to an admin, and nothing readable without the endpoint or to a clerk', async () => {
    const withoutCodec = await show();
    expect(withoutCodec.ok).toBe(true);
    expect(readable(withoutCodec.output)).not.toContain(idNumber);

    const asAdmin = await show(...codecEndpoint(), '--codec-auth', `Bearer ${admin.token}`);
    expect(asAdmin.ok, asAdmin.output).toBe(true);
    expect(readable(asAdmin.output)).toContain(idNumber);
    expect(readable(asAdmin.output)).toContain(phone);

    // Refused (401, 403), the CLI retries until its deadline and shows nothing: 3 s is enough to know.
    for (const refused of [
      [...codecEndpoint()],
      [...codecEndpoint(), '--codec-auth', `Bearer ${clerk.token}`],
    ]) {
      const answer = await show(...refused, '--command-timeout', '3s');
      expect(answer.ok).toBe(false);
      expect(readable(answer.output)).not.toContain(idNumber);
      expect(readable(answer.output)).not.toContain(phone);
    }
  });
});
