import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { caseApi } from '../helpers/case-api.js';
import { eventLog, overdueCourtReferral, startCaseWorkflow, waitUntil } from '../helpers/fault-cases.js';
import { killStartedProcesses } from '../helpers/processes.js';
import { startReceiver } from '../helpers/receiver.js';
import { createInstitution, createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { makeTempDir } from '../helpers/temp-dir.js';
import { type ProductionTopology, startProductionTopology } from './production-topology.js';

const dispute = {
  source: 'walk_in',
  mediationConsent: { givenBy: ['那仁'] },
  summary: '劳务报酬纠纷',
  parties: [
    { kind: 'person', name: '那仁', role: 'applicant' },
    { kind: 'person', name: '周涛', role: 'respondent' },
  ],
};

/**
 * Faults under load on the production topology. Load: registrations and triages through the API copies
 * (4 at a time) and court referrals whose acceptance deadline is already due, started directly. What
 * was acknowledged (201/200) must be in the read model exactly once; every due deadline must fire once.
 */
describe('faults under load on the production topology', () => {
  let folder: Awaited<ReturnType<typeof makeTempDir>>;
  let topology: ProductionTopology;
  let receiver: Awaited<ReturnType<typeof startReceiver>>;
  let clerk: TestUser;
  let unitId: string;
  let court: Awaited<ReturnType<typeof createInstitution>>;

  beforeAll(async () => {
    folder = await makeTempDir('topology-faults');
    receiver = await startReceiver(() => 200);
    topology = await startProductionTopology({
      folder: folder.path,
      workflowBundlePath: inject('workflowBundlePath'),
    });
    const unit = await createUnit(topology.database.db);
    unitId = unit.id;
    [clerk] = await Promise.all([
      createStaff(topology.database.db, 'clerk', unit.id),
      createStaff(topology.database.db, 'supervisor', unit.id),
    ]);
    court = await createInstitution(topology.database.db, 'court', '满洲里市人民法院');
  });

  afterAll(async () => {
    await topology?.stop();
    await killStartedProcesses();
    await receiver?.close();
    await folder?.remove();
  });

  /** Runs the load until `stop()`; returns what was acknowledged. */
  function startLoad(tag: string) {
    const registered: string[] = [];
    const triaged: string[] = [];
    const referrals: string[] = [];
    let refused = 0;
    let running = true;
    const api = caseApi(topology.system);
    const lanes = Array.from({ length: 4 }, async () => {
      while (running) {
        try {
          const response = await topology.system.request('POST', '/v1/cases', {
            credential: clerk.token,
            body: dispute,
          });
          if (response.status !== 201) {
            refused += 1;
            await response.arrayBuffer();
            await new Promise((resolve) => setTimeout(resolve, 200));
            continue;
          }
          const { caseNumber } = (await response.json()) as { caseNumber: string };
          registered.push(caseNumber);
          await api.transition(clerk.token, caseNumber, 'triage', {
            triageClass: 'simple',
            category: 'labour',
          });
          triaged.push(caseNumber);
        } catch {
          refused += 1; // a copy killed mid-request, or Temporal away: not acknowledged
          await new Promise((resolve) => setTimeout(resolve, 200));
        }
      }
    });
    const referralLane = (async () => {
      for (let i = 0; running; i += 1) {
        const caseNumber = `${topology.caseNumberPrefix}-2026-${tag}${String(i).padStart(4, '0')}`;
        try {
          await startCaseWorkflow(
            topology.system.temporal,
            topology.taskQueue,
            overdueCourtReferral({ caseNumber, court, unitId, callbackUrl: receiver.url }),
          );
          referrals.push(caseNumber);
        } catch {
          refused += 1;
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    })();
    return {
      async stop() {
        running = false;
        await Promise.all([...lanes, referralLane]);
        return { registered, triaged, referrals, refused };
      },
    };
  }

  async function expectExactlyOnce(load: { registered: string[]; triaged: string[]; referrals: string[] }) {
    const all = [...load.registered, ...load.referrals];
    await waitUntil(
      'every acknowledged case and every due deadline is in the read model',
      async () => {
        const log = await eventLog(topology.database.sql, all);
        return (
          load.registered.every((n) => (log.get(n)?.length ?? 0) >= (load.triaged.includes(n) ? 2 : 1)) &&
          load.referrals.every((n) => (log.get(n)?.length ?? 0) >= 3)
        );
      },
      120_000,
      500,
    );
    const log = await eventLog(topology.database.sql, all);
    for (const n of load.registered) {
      const types = log.get(n)!.map((e) => e.type);
      expect(
        types.filter((t) => t === 'registered'),
        n,
      ).toHaveLength(1);
      if (load.triaged.includes(n))
        expect(
          types.filter((t) => t === 'triaged'),
          n,
        ).toHaveLength(1);
    }
    for (const n of load.referrals) {
      expect(
        log.get(n)!.map((e) => e.type),
        n,
      ).toEqual(['registered', 'deadline_overdue', 'reported_to_court']);
    }
    const rows = await topology.database.sql<{ case_number: string; n: number }[]>`
      select case_number, count(*)::int as n from cases where case_number = any(${all}) group by case_number`;
    expect(rows).toHaveLength(all.length);
    expect(rows.every((row) => row.n === 1)).toBe(true);
  }

  it('loses and doubles nothing acknowledged when one worker and one API copy are killed -9', async () => {
    const load = startLoad('1');
    await waitUntil(
      'some load is through',
      async () => (await topology.database.sql`select 1 from cases limit 5`).length >= 5,
      60_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const killedAt = Date.now();
    await Promise.all([topology.workers[0]!.stop('SIGKILL'), topology.apis[0]!.stop('SIGKILL')]);
    await new Promise((resolve) => setTimeout(resolve, 10_000));
    const result = await load.stop();
    expect(result.registered.length).toBeGreaterThan(5);
    expect(result.referrals.length).toBeGreaterThan(10);
    await expectExactlyOnce(result);
    console.info(
      JSON.stringify({
        test: 'topology: kill -9 a worker and an API',
        registered: result.registered.length,
        triaged: result.triaged.length,
        referrals: result.referrals.length,
        notAcknowledged: result.refused,
        settledMs: Date.now() - killedAt,
      }),
    );
  });

  it('carries on with cases and deadlines when the Temporal server restarts under load', async () => {
    const load = startLoad('2');
    await new Promise((resolve) => setTimeout(resolve, 5_000));
    const restart = await topology.restartServer('SIGTERM', 3_000);
    await new Promise((resolve) => setTimeout(resolve, 8_000));
    const result = await load.stop();
    await expectExactlyOnce(result);
    // Cases keep moving after the restart: a new one registers and triages through the remaining copy.
    const api = caseApi(topology.system);
    const after = await api.register(clerk.token, {
      ...dispute,
      summary: `重启后登记 ${randomBytes(2).toString('hex')}`,
    });
    expect(
      (
        await api.transition(clerk.token, after.caseNumber, 'triage', {
          triageClass: 'simple',
          category: 'labour',
        })
      ).stage,
    ).toBe('divert');
    console.info(
      JSON.stringify({
        test: 'topology: Temporal server restart',
        ...restart,
        registered: result.registered.length,
        referrals: result.referrals.length,
        notAcknowledged: result.refused,
      }),
    );
  });
});
