import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { withDatabaseName } from '../../db/database-url.js';
import { caseApi } from '../helpers/case-api.js';
import { eventLog, overdueCourtReferral, startCaseWorkflow, waitUntil } from '../helpers/fault-cases.js';
import { killStartedProcesses } from '../helpers/processes.js';
import { startReceiver } from '../helpers/receiver.js';
import { createInstitution, createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { type ProductionTopology, startProductionTopology } from './production-topology.js';

describe('a case on the production topology: Temporal on PostgreSQL (8 shards), two workers, two API copies', () => {
  let folder: Awaited<ReturnType<typeof makeTempDir>>;
  let topology: ProductionTopology;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let clerk: TestUser;
  let mediator: TestUser;
  let unitId: string;
  let startedMs: number;

  beforeAll(async () => {
    folder = await makeTempDir('topology');
    receiver = await startReceiver(() => 200);
    const started = Date.now();
    topology = await startProductionTopology({
      folder: folder.path,
      workflowBundlePath: inject('workflowBundlePath'),
    });
    startedMs = Date.now() - started;
    const unit = await createUnit(topology.database.db);
    unitId = unit.id;
    [clerk, mediator] = await Promise.all([
      createStaff(topology.database.db, 'clerk', unit.id),
      createStaff(topology.database.db, 'mediator', unit.id),
    ]);
  });

  afterAll(async () => {
    await topology?.stop();
    await killStartedProcesses();
    await receiver?.close();
    await folder?.remove();
  });

  it('runs on Temporal’s own PostgreSQL schemas with 8 history shards, the app on its own role', async () => {
    const admin = postgres(withDatabaseName(topology.adminUrl, 'temporal'), { max: 1, onnotice: () => {} });
    try {
      const [shards] = await admin<{ n: number }[]>`select count(*)::int as n from shards`;
      expect(shards!.n).toBe(8);
      const [version] = await admin<{ v: string }[]>`select curr_version as v from schema_version`;
      expect(version!.v).toMatch(/^1\.\d+$/);
    } finally {
      await admin.end();
    }
    const [role] = await topology.database.sql<{ user: string; superuser: boolean }[]>`
      select current_user as user, rolsuper as superuser from pg_roles where rolname = current_user`;
    expect(role).toEqual({ user: 'feisutong', superuser: false });
    console.info(JSON.stringify({ test: 'topology start', startedMs }));
  });

  it('takes a case from registration into mediation through both API copies, and a court deadline fires', async () => {
    const api = caseApi(topology.system);
    const registered = await api.register(clerk.token, {
      source: 'walk_in',
      mediationConsent: { givenBy: ['包玉兰'] },
      summary: '物业服务合同纠纷：物业费',
      parties: [
        { kind: 'person', name: '包玉兰', role: 'applicant', phone: '13904700001' },
        { kind: 'organisation', name: '海拉尔某物业公司', role: 'respondent' },
      ],
    });
    const no = registered.caseNumber;
    await api.transition(clerk.token, no, 'triage', {
      triageClass: 'simple',
      category: 'property_management',
    });
    await api.transition(clerk.token, no, 'assign', { mediatorId: mediator.id });
    await api.transition(mediator.token, no, 'accept');
    const session = await api.transition(mediator.token, no, 'sessions', {
      heldAt: '2026-11-21T02:00:00Z',
      summary: '第一次调解',
    });
    expect(session.stage).toBe('resolve');
    await api.expectReadModelMatchesWorkflow(clerk.token, no);
    const log = await eventLog(topology.database.sql, [no]);
    expect(log.get(no)!.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);

    const court = await createInstitution(topology.database.db, 'court', '海拉尔区人民法院');
    const referral = `${topology.caseNumberPrefix}-2026-900001`;
    await startCaseWorkflow(
      topology.system.temporal,
      topology.taskQueue,
      overdueCourtReferral({ caseNumber: referral, court, unitId, callbackUrl: receiver.url }),
    );
    await waitUntil(
      'the overdue court referral is reported',
      async () => (await eventLog(topology.database.sql, [referral])).get(referral)!.length >= 3,
      60_000,
    );
    expect((await eventLog(topology.database.sql, [referral])).get(referral)!.map((e) => e.type)).toEqual([
      'registered',
      'deadline_overdue',
      'reported_to_court',
    ]);
  });
});
