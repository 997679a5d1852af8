import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { s3ObjectStore } from '../../lib/s3-object-store.js';
import { caseApi } from '../helpers/case-api.js';
import { courtReferralBody } from '../helpers/court-referral-body.js';
import { allText, readDocx } from '../helpers/docx-reader.js';
import { eventually } from '../helpers/eventually.js';
import { startReceiver } from '../helpers/receiver.js';
import { fileForm, samplePdf, samplePng } from '../helpers/sample-files.js';
import { createInstitution, createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { startTestSystem, type TestSystem } from '../helpers/test-system.js';
import { type RunningS3Server, startVersitygw } from '../helpers/versitygw.js';

/**
 * The outcome a court receives carries its files: a court refers a dispute with two files, the mediator
 * prints the agreement before recording the settlement, uploads its signed and sealed scan shared with
 * the court, and settles; the court's receiver gets court.outcome listing the scan with its SHA-256 and
 * download path, the court fetches it with its key, another court cannot. Against both object
 * stores: the embedded default (PostgreSQL) and S3 on a real S3-compatible server (versitygw).
 */
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

const settlement = {
  form: 'written',
  terms: '被告于2026年12月31日前支付货款九万元，原告放弃其余诉讼请求',
  amountFen: 9_000_000,
  performance: [{ description: '支付货款', dueDate: '2026-12-31', amountFen: 9_000_000 }],
};

interface FileReference {
  id: string;
  fileName: string;
  contentType: string;
  sha256: string;
  purpose: string;
  document: { kind: string; version: number } | null;
  href: string;
}

describe.each(['postgres', 's3'] as const)(
  'the outcome delivered to a court carries its files (%s store)',
  (storeKind) => {
    let s3: RunningS3Server | undefined;
    let system: TestSystem;
    let api: ReturnType<typeof caseApi>;
    let clerk: TestUser;
    let mediator: TestUser;
    let courtA: Awaited<ReturnType<typeof createInstitution>>;
    let courtB: Awaited<ReturnType<typeof createInstitution>>;
    let receiver: Awaited<ReturnType<typeof startReceiver>>;

    beforeAll(async () => {
      receiver = await startReceiver(() => 200);
      s3 = storeKind === 's3' ? await startVersitygw() : undefined;
      system = await startTestSystem(s3 ? { objectStore: s3ObjectStore(s3.settings) } : {});
      api = caseApi(system);
      const db = system.database.db;
      const unit = await createUnit(db, '呼伦贝尔市非诉纠纷调处中心');
      [clerk, mediator] = await Promise.all([
        createStaff(db, 'clerk', unit.id),
        createStaff(db, 'mediator', unit.id),
      ]);
      [courtA, courtB] = await Promise.all([
        createInstitution(db, 'court', '海拉尔区人民法院'),
        createInstitution(db, 'court', '满洲里市人民法院'),
      ]);
    });
    afterAll(async () => {
      await system?.stop();
      await receiver?.close();
      await s3?.stop();
    });

    const send = (path: string, credential: string, form: FormData) =>
      fetch(`${system.baseUrl}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${credential}` },
        body: form,
      });
    const get = (path: string, credential: string) =>
      fetch(`${system.baseUrl}${path}`, { headers: { authorization: `Bearer ${credential}` } });

    /** A court refers a dispute with two files and the mediator accepts it: in resolve. */
    async function referWithTwoFiles(reference: string): Promise<string> {
      const created = await api.call(
        'POST',
        '/v1/court/referrals',
        courtA.apiKey,
        courtReferralBody(reference, { callbackUrl: receiver.url }),
        201,
      );
      const caseNumber = created.caseNumber as string;
      const courtFiles = `/v1/court/referrals/${encodeURIComponent(reference)}/attachments`;
      for (const [bytes, name, type] of [
        [samplePdf('起诉状'), '起诉状.pdf', 'application/pdf'],
        [samplePng(7), '证据照片.png', 'image/png'],
      ] as const) {
        expect((await send(courtFiles, courtA.apiKey, fileForm(bytes, name, type))).status).toBe(201);
      }

      await api.transition(clerk.token, caseNumber, 'triage', {
        triageClass: 'general',
        category: 'contract',
      });
      await api.transition(clerk.token, caseNumber, 'assign', { mediatorId: mediator.id });
      await api.call('POST', `/v1/cases/${caseNumber}/court/sign-materials`, clerk.token, {}, 200);
      await api.transition(mediator.token, caseNumber, 'accept');
      return caseNumber;
    }
    const outcomeOf = (caseNumber: string) =>
      eventually(() =>
        receiver.received.find(
          (r) =>
            r.headers['x-feisutong-event'] === 'court.outcome' &&
            JSON.parse(r.body).caseNumber === caseNumber,
        ),
      );

    it('lists the signed agreement in court.outcome, fetchable by the referring court only', async () => {
      const reference = '(2026)内0702民初3101号';
      const caseNumber = await referWithTwoFiles(reference);
      const courtFiles = `/v1/court/referrals/${encodeURIComponent(reference)}/attachments`;
      // The agreement is printed from the terms about to be signed, before the settlement is recorded.
      const agreement = await api.call(
        'POST',
        `/v1/cases/${caseNumber}/documents`,
        mediator.token,
        { kind: 'mediation_agreement', settlement },
        201,
      );
      const printed = await get(`/v1/cases/${caseNumber}/documents/${agreement.id}`, mediator.token);
      const printedText = allText(readDocx(new Uint8Array(await printed.arrayBuffer())));
      expect(printedText).toContain('人民调解协议书');
      expect(printedText).toContain(settlement.terms);
      const scan = samplePdf('人民调解协议书 签字盖章');
      const recorded = await send(
        `/v1/cases/${caseNumber}/documents/${agreement.id}/signed-scan`,
        mediator.token,
        fileForm(scan, '人民调解协议书（签章）.pdf', 'application/pdf', { shareWithReferrer: 'true' }),
      );
      expect(recorded.status, await recorded.clone().text()).toBe(201);
      await api.transition(mediator.token, caseNumber, 'settle', settlement);

      const outcome = await outcomeOf(caseNumber);
      const body = JSON.parse(outcome.body) as { result: string; files: FileReference[] };
      expect(body.result).toBe('settled_written');
      // Only what staff shared: not the court's own two files.
      expect(body.files).toHaveLength(1);
      const [file] = body.files;
      expect(file).toMatchObject({
        fileName: '人民调解协议书（签章）.pdf',
        contentType: 'application/pdf',
        sha256: sha256(scan),
        purpose: 'signed_scan',
        document: { kind: 'mediation-agreement', version: 1 },
        href: `${courtFiles}/${file!.id}`,
      });

      const fetched = await get(file!.href, courtA.apiKey);
      expect(fetched.status).toBe(200);
      expect(sha256(new Uint8Array(await fetched.arrayBuffer()))).toBe(file!.sha256);
      expect((await get(file!.href, courtB.apiKey)).status).toBe(404);
      // Nor under another court's own reference path with the same id.
      const elsewhere = `/v1/court/referrals/${encodeURIComponent('(2026)内0702民初9999号')}/attachments/${file!.id}`;
      expect((await get(elsewhere, courtB.apiKey)).status).toBe(404);
    });

    it('lists the signed failure report in the failure outcome', async () => {
      const reference = '(2026)内0702民初3102号';
      const caseNumber = await referWithTwoFiles(reference);
      const failure = {
        reasons: '双方对货款金额分歧较大，无法达成一致',
        undisputedFacts: '双方确认已交付建材一批',
      };
      const report = await api.call(
        'POST',
        `/v1/cases/${caseNumber}/documents`,
        mediator.token,
        { kind: 'failure_record', failure },
        201,
      );
      const printed = await get(`/v1/cases/${caseNumber}/documents/${report.id}`, mediator.token);
      const printedText = allText(readDocx(new Uint8Array(await printed.arrayBuffer())));
      expect(printedText).toContain(failure.undisputedFacts);
      const scan = samplePdf('调解不成报告 签字盖章');
      const recorded = await send(
        `/v1/cases/${caseNumber}/documents/${report.id}/signed-scan`,
        mediator.token,
        fileForm(scan, '调解不成报告（签章）.pdf', 'application/pdf', { shareWithReferrer: 'true' }),
      );
      expect(recorded.status).toBe(201);
      await api.transition(mediator.token, caseNumber, 'fail', failure);

      const body = JSON.parse((await outcomeOf(caseNumber)).body) as {
        result: string;
        failureReport: unknown;
        files: FileReference[];
      };
      expect(body.result).toBe('failed');
      expect(body.failureReport).toMatchObject(failure);
      expect(body.files).toEqual([
        expect.objectContaining({
          sha256: sha256(scan),
          purpose: 'signed_scan',
          document: { kind: 'failure-record', version: 1 },
        }),
      ]);
      const fetched = await get(body.files[0]!.href, courtA.apiKey);
      expect(sha256(new Uint8Array(await fetched.arrayBuffer()))).toBe(sha256(scan));
      expect((await get(body.files[0]!.href, courtB.apiKey)).status).toBe(404);
    });
  },
);
