import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { unzipSync } from 'fflate';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, chinaDateOf } from '../../domain/dates.js';
import type { ObjectStore } from '../../lib/object-store.js';
import { postgresObjectStore } from '../../lib/postgres-object-store.js';
import { s3ObjectStore } from '../../lib/s3-object-store.js';
import { storeDocumentVersion } from '../../use-cases/documents/store-document-version.js';
import { ledgerHeaders } from '../../use-cases/ledger-import/ledger-columns.js';
import { formatCsv } from '../../use-cases/ledger-import/parse-csv.js';
import { caseApi } from '../helpers/case-api.js';
import { courtReferralBody } from '../helpers/court-referral-body.js';
import { eventually } from '../helpers/eventually.js';
import { fileForm, sampleDocx, sampleHtml, samplePdf, samplePng } from '../helpers/sample-files.js';
import { createInstitution, createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { startTestSystem, type TestSystem } from '../helpers/test-system.js';
import { type RunningS3Server, startVersitygw } from '../helpers/versitygw.js';

/**
 * A case's files over real HTTP, against both object stores: the embedded default (PostgreSQL) and
 * S3 on a real S3-compatible server (versitygw over a temporary folder). A court refers a dispute
 * with its materials; staff read them; another court cannot; bad files are refused and leave nothing.
 */
const capBytes = 64 * 1024;
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

describe.each(['postgres', 's3'] as const)('case files in the %s object store', (storeKind) => {
  let system: TestSystem;
  let s3: RunningS3Server | undefined;
  let api: ReturnType<typeof caseApi>;
  let clerk: TestUser;
  let mediator: TestUser;
  let admin: TestUser;
  let courtA: Awaited<ReturnType<typeof createInstitution>>;
  let courtB: Awaited<ReturnType<typeof createInstitution>>;
  let caseNumber: string;
  let store: ObjectStore;
  const referenceA = `(2026)内0702民初${storeKind === 's3' ? 2001 : 2002}号`;
  const logLines: string[] = [];

  beforeAll(async () => {
    s3 = storeKind === 's3' ? await startVersitygw() : undefined;
    const s3Store = s3 ? s3ObjectStore(s3.settings) : undefined;
    system = await startTestSystem({
      attachmentMaxBytes: capBytes,
      logger: pino({ level: 'info' }, { write: (line: string) => void logLines.push(line) }),
      ...(s3Store ? { objectStore: s3Store } : {}),
    });
    store = s3Store ?? postgresObjectStore(system.database.sql);
    api = caseApi(system);
    const db = system.database.db;
    const unit = await createUnit(db, '呼伦贝尔市非诉纠纷调处中心');
    [clerk, mediator, admin] = await Promise.all([
      createStaff(db, 'clerk', unit.id),
      createStaff(db, 'mediator', unit.id),
      createStaff(db, 'admin', null),
    ]);
    [courtA, courtB] = await Promise.all([
      createInstitution(db, 'court', '海拉尔区人民法院'),
      createInstitution(db, 'court', '满洲里市人民法院'),
    ]);
    const created = await api.call(
      'POST',
      '/v1/court/referrals',
      courtA.apiKey,
      courtReferralBody(referenceA),
      201,
    );
    caseNumber = created.caseNumber as string;
  });
  afterAll(async () => {
    await system?.stop();
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
  const courtFiles = (reference: string) =>
    `/v1/court/referrals/${encodeURIComponent(reference)}/attachments`;

  /** What is kept: attachment records and objects in the store (PostgreSQL rows or S3 objects). */
  async function kept() {
    const [{ n: records }] = (await system.database
      .sql`select count(*)::int as n from case_attachments`) as unknown as [{ n: number }];
    if (!s3) {
      const [{ n: objects }] = (await system.database
        .sql`select count(*)::int as n from stored_objects`) as unknown as [{ n: number }];
      return { records, objects };
    }
    const client = new S3Client({ ...s3.settings });
    const listed = await client.send(new ListObjectsV2Command({ Bucket: s3.settings.bucket }));
    client.destroy();
    return { records, objects: listed.KeyCount ?? 0 };
  }

  const complaint = samplePdf('起诉状');
  const photo = samplePng(1);

  it('takes a court’s two files with its referral; staff list and download them; a retry stores nothing twice', async () => {
    const first = await send(
      courtFiles(referenceA),
      courtA.apiKey,
      fileForm(complaint, '起诉状.pdf', 'application/pdf'),
    );
    expect(first.status, await first.clone().text()).toBe(201);
    const second = await send(
      courtFiles(referenceA),
      courtA.apiKey,
      fileForm(photo, '证据照片 1.png', 'image/png'),
    );
    expect(second.status).toBe(201);
    const firstBody = (await first.json()) as { id: string; sha256: string; contentType: string };
    expect(firstBody).toMatchObject({
      sha256: sha256(complaint),
      contentType: 'application/pdf',
      caseNumber,
    });

    // The same file again (a retry after a lost answer): the same record, nothing new kept.
    const before = await kept();
    const retried = await send(
      courtFiles(referenceA),
      courtA.apiKey,
      fileForm(complaint, '起诉状.pdf', 'application/pdf'),
    );
    expect(retried.status).toBe(200);
    expect(((await retried.json()) as { id: string }).id).toBe(firstBody.id);
    expect(await kept()).toEqual(before);

    const listed = await api.call('GET', `/v1/cases/${caseNumber}/attachments`, clerk.token, undefined, 200);
    const items = listed.items as { id: string; fileName: string; sha256: string; uploadedBy: unknown }[];
    expect(items.map((item) => [item.fileName, item.sha256])).toEqual([
      ['起诉状.pdf', sha256(complaint)],
      ['证据照片 1.png', sha256(photo)],
    ]);
    expect(items[0]!.uploadedBy).toEqual({ kind: 'institution', id: courtA.id });

    const download = await get(`/v1/cases/${caseNumber}/attachments/${items[0]!.id}`, clerk.token);
    expect(download.status).toBe(200);
    expect(Buffer.from(await download.arrayBuffer())).toEqual(Buffer.from(complaint));
    expect(download.headers.get('content-type')).toBe('application/pdf');
    expect(download.headers.get('x-content-type-options')).toBe('nosniff');
    expect(download.headers.get('content-disposition')).toBe(
      `attachment; filename="file.pdf"; filename*=UTF-8''${encodeURIComponent('起诉状.pdf')}`,
    );
    const png = await get(`/v1/cases/${caseNumber}/attachments/${items[1]!.id}`, clerk.token);
    expect(Buffer.from(await png.arrayBuffer())).toEqual(Buffer.from(photo));
    expect(png.headers.get('content-type')).toBe('image/png');

    // Every download is logged: which case and file, by whom; never the file's name.
    const logged = await eventually(() => {
      const lines = logLines.filter(
        (line) => line.includes('"file downloaded"') && line.includes(items[0]!.id),
      );
      return lines.length > 0 ? lines : undefined;
    });
    expect(JSON.parse(logged[0]!)).toMatchObject({
      caseNumber,
      fileId: items[0]!.id,
      by: { kind: 'staff', id: clerk.id },
    });
    expect(logLines.join('\n')).not.toContain('起诉状');
  });

  it('keeps each court to its own cases’ files', async () => {
    const listed = await api.call('GET', `/v1/cases/${caseNumber}/attachments`, clerk.token, undefined, 200);
    const [first] = listed.items as { id: string }[];
    // The referring court reads its files; another court's key finds neither the case nor the file.
    expect((await get(courtFiles(referenceA), courtA.apiKey)).status).toBe(200);
    expect((await get(courtFiles(referenceA), courtB.apiKey)).status).toBe(404);
    expect((await get(`${courtFiles(referenceA)}/${first!.id}`, courtB.apiKey)).status).toBe(404);
    const upload = await send(
      courtFiles(referenceA),
      courtB.apiKey,
      fileForm(samplePdf('B'), 'b.pdf', 'application/pdf'),
    );
    expect(upload.status).toBe(404);
    // Its upload is not even read: far over the cap, it is still a 404, not a 413.
    const oversized = await send(
      courtFiles(referenceA),
      courtB.apiKey,
      fileForm(samplePdf('B', capBytes * 4), 'b.pdf', 'application/pdf'),
    );
    expect(oversized.status).toBe(404);
    // Even through a referral of its own, court B cannot reach court A's file by its id.
    const referenceB = `(2026)内0781民初${storeKind === 's3' ? 3001 : 3002}号`;
    await api.call('POST', '/v1/court/referrals', courtB.apiKey, courtReferralBody(referenceB), 201);
    expect((await get(`${courtFiles(referenceB)}/${first!.id}`, courtB.apiKey)).status).toBe(404);
    expect(
      ((await (await get(courtFiles(referenceB), courtB.apiKey)).json()) as { items: unknown[] }).items,
    ).toEqual([]);
    // Staff routes are for staff; a mediator not assigned to the case does not see it.
    expect((await get(`/v1/cases/${caseNumber}/attachments`, courtA.apiKey)).status).toBe(403);
    expect((await get(`/v1/cases/${caseNumber}/attachments`, mediator.token)).status).toBe(404);
  });

  it('shares with the court only what staff choose to share', async () => {
    const agreement = await sampleDocx('人民调解协议书（签章前）');
    const shared = await send(
      `/v1/cases/${caseNumber}/attachments`,
      clerk.token,
      fileForm(
        agreement,
        '调解协议书.docx',
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        {
          shareWithReferrer: 'true',
        },
      ),
    );
    expect(shared.status).toBe(201);
    const internal = await send(
      `/v1/cases/${caseNumber}/attachments`,
      clerk.token,
      fileForm(samplePng(2), '内部.png', ''),
    );
    expect(internal.status).toBe(201);
    const internalId = ((await internal.json()) as { id: string }).id;
    const seen = (await (await get(courtFiles(referenceA), courtA.apiKey)).json()) as {
      items: { fileName: string }[];
    };
    expect(seen.items.map((item) => item.fileName)).toEqual([
      '起诉状.pdf',
      '证据照片 1.png',
      '调解协议书.docx',
    ]);
    expect((await get(`${courtFiles(referenceA)}/${internalId}`, courtA.apiKey)).status).toBe(404);
    const sharedId = ((await shared.json()) as { id: string }).id;
    const fetched = await get(`${courtFiles(referenceA)}/${sharedId}`, courtA.apiKey);
    expect(fetched.status).toBe(200);
    expect(Buffer.from(await fetched.arrayBuffer())).toEqual(Buffer.from(agreement));
  });

  it('keeps every version of a generated document and records which version was signed', async () => {
    const first = await sampleDocx('人民调解协议书 第一稿');
    const second = await sampleDocx('人民调解协议书 第二稿（金额更正）');
    const deps = { db: system.database.db, objectStore: store };
    const actor = { kind: 'staff' as const, id: mediator.id };
    const v1 = await storeDocumentVersion(deps, {
      caseNumber,
      kind: 'mediation-agreement',
      bytes: first,
      actor,
      fileName: '人民调解协议书.docx',
    });
    const v2 = await storeDocumentVersion(deps, {
      caseNumber,
      kind: 'mediation-agreement',
      bytes: second,
      actor,
      fileName: '人民调解协议书.docx',
    });
    await storeDocumentVersion(deps, {
      caseNumber,
      kind: 'session-record',
      bytes: first,
      actor: { kind: 'system', id: 'generator' },
    });
    expect([v1.version, v2.version]).toEqual([1, 2]);

    const listed = await api.call('GET', `/v1/cases/${caseNumber}/documents`, clerk.token, undefined, 200);
    expect(
      (listed.items as { kind: string; version: number; sha256: string; signedScan: unknown }[]).map(
        (item) => [item.kind, item.version, item.sha256, item.signedScan],
      ),
    ).toEqual([
      ['mediation-agreement', 1, sha256(first), null],
      ['mediation-agreement', 2, sha256(second), null],
      ['session-record', 1, sha256(first), null],
    ]);
    const old = await get(`/v1/cases/${caseNumber}/documents/${v1.id}`, clerk.token);
    expect(old.status).toBe(200);
    expect(Buffer.from(await old.arrayBuffer())).toEqual(Buffer.from(first));
    expect(old.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent('人民调解协议书.docx')}`,
    );
    expect(old.headers.get('x-content-type-options')).toBe('nosniff');

    // The parties signed the first version: its sealed scan is recorded on version 1, not on 2.
    const scan = samplePdf('签字盖章扫描件');
    const signed = await send(
      `/v1/cases/${caseNumber}/documents/${v1.id}/signed-scan`,
      mediator.token,
      fileForm(scan, '协议书签章.pdf', 'application/pdf', { shareWithReferrer: 'true' }),
    );
    // The mediator is not assigned to this case: it is not theirs to see.
    expect(signed.status).toBe(404);
    const recorded = await send(
      `/v1/cases/${caseNumber}/documents/${v1.id}/signed-scan`,
      clerk.token,
      fileForm(scan, '协议书签章.pdf', 'application/pdf', { shareWithReferrer: 'true' }),
    );
    expect(recorded.status, await recorded.clone().text()).toBe(201);
    const again = await send(
      `/v1/cases/${caseNumber}/documents/${v1.id}/signed-scan`,
      clerk.token,
      fileForm(scan, '协议书签章.pdf', 'application/pdf', { shareWithReferrer: 'true' }),
    );
    expect(again.status).toBe(200);
    const after = await api.call('GET', `/v1/cases/${caseNumber}/documents`, clerk.token, undefined, 200);
    const versions = after.items as {
      version: number;
      kind: string;
      signedScan: { sha256: string; attachmentId: string } | null;
    }[];
    expect(versions[0]!.signedScan).toMatchObject({ sha256: sha256(scan) });
    expect(versions[1]!.signedScan).toBeNull();
    // The court fetches the signed agreement with its key.
    const fetched = await get(
      `${courtFiles(referenceA)}/${versions[0]!.signedScan!.attachmentId}`,
      courtA.apiKey,
    );
    expect(fetched.status).toBe(200);
    expect(Buffer.from(await fetched.arrayBuffer())).toEqual(Buffer.from(scan));
    expect(
      (await get(`${courtFiles(referenceA)}/${versions[0]!.signedScan!.attachmentId}`, courtB.apiKey)).status,
    ).toBe(404);
    // A scan that is not a scan is refused like any upload.
    const bad = await send(
      `/v1/cases/${caseNumber}/documents/${v2.id}/signed-scan`,
      clerk.token,
      fileForm(sampleHtml(), 'scan.html', 'text/html'),
    );
    expect(bad.status).toBe(415);
  });

  it('hands staff the whole case file as one zip: the index first, then every file in its order', async () => {
    const response = await get(`/v1/cases/${caseNumber}/case-file`, clerk.token);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(response.headers.get('content-disposition')).toContain(
      `filename*=UTF-8''${encodeURIComponent(`卷宗-${caseNumber}.zip`)}`,
    );
    const zip = new Uint8Array(await response.arrayBuffer());
    const files = unzipSync(zip);
    const names = Object.keys(files);
    expect(names[0]).toBe('00-目录.html');

    const documents = (
      await api.call('GET', `/v1/cases/${caseNumber}/documents`, clerk.token, undefined, 200)
    ).items as { sha256: string }[];
    const attachments = (
      await api.call('GET', `/v1/cases/${caseNumber}/attachments`, clerk.token, undefined, 200)
    ).items as { sha256: string; fileName: string }[];
    // Every document version, then every attachment, each with the bytes recorded for it.
    expect(names.slice(1).map((name) => sha256(files[name]!))).toEqual([
      ...documents.map((d) => d.sha256),
      ...attachments.map((a) => a.sha256),
    ]);
    expect(names).toContain('002-人民调解协议书-第2版.docx');
    expect(names).toContain(`${String(documents.length + 1).padStart(3, '0')}-起诉状.pdf`);

    const index = new TextDecoder().decode(files['00-目录.html']);
    expect(index).toContain('卷宗目录');
    expect(index).toContain(caseNumber);
    for (const name of names.slice(1)) expect(index).toContain(name);
    expect(index).toContain('海拉尔区人民法院'); // who sent the court's materials, by name
    expect(index).toContain('签章扫描件');
    mkdirSync('test-results', { recursive: true });
    writeFileSync(`test-results/case-file-index-${storeKind}.html`, index);

    // A real unzip tool reads the same names (UTF-8 flagged) and finds the archive sound.
    const listed = execFileSync(
      'python3',
      [
        '-c',
        'import io,json,sys,zipfile; z=zipfile.ZipFile(io.BytesIO(sys.stdin.buffer.read())); assert z.testzip() is None; print(json.dumps(z.namelist()))',
      ],
      { input: zip },
    );
    expect(JSON.parse(listed.toString())).toEqual(names);

    expect((await get(`/v1/cases/${caseNumber}/case-file`, courtA.apiKey)).status).toBe(403);
    expect((await get(`/v1/cases/${caseNumber}/case-file`, mediator.token)).status).toBe(404);
  });

  it('takes a procuratorate’s files with its own referral, and keeps the courts out', async () => {
    const procuratorate = await createInstitution(system.database.db, 'procuratorate', '海拉尔区人民检察院');
    const today = chinaDateOf(Date.now());
    const reference = `海检刑调〔2026〕${storeKind === 's3' ? 11 : 12}号`;
    await api.call(
      'POST',
      '/v1/prosecution/referrals',
      procuratorate.apiKey,
      {
        reference,
        offence: '故意伤害',
        statuteArticle: '刑法第234条第1款',
        suspects: [
          {
            kind: 'person',
            name: '赵刚',
            role: 'respondent',
            idType: 'resident_id',
            idNumber: '150702199505050017',
          },
        ],
        victims: [{ kind: 'person', name: '钱亮', role: 'applicant', phone: '13600001111' }],
        facts: '双方因邻里琐事发生争执，赵刚将钱亮打伤，经鉴定为轻伤二级',
        prosecutorContact: { name: '孙检察官', phone: '0470-7654321' },
        referralDate: today,
        reviewStartedOn: today,
        reviewDueOn: addDays(today, 30),
        eligibility: {
          privateDispute: true,
          criminalLawChapter: 4,
          negligent: false,
          likelySentenceMonths: 24,
          intentionalCrimeWithinFiveYears: false,
        },
        performanceBeforeDecision: true,
      },
      201,
    );
    const path = `/v1/prosecution/referrals/${encodeURIComponent(reference)}/attachments`;
    const letter = samplePdf('谅解书');
    const stored = await send(path, procuratorate.apiKey, fileForm(letter, '谅解书.pdf', 'application/pdf'));
    expect(stored.status).toBe(201);
    const listed = (await (await get(path, procuratorate.apiKey)).json()) as {
      items: { fileName: string }[];
    };
    expect(listed.items.map((item) => item.fileName)).toEqual(['谅解书.pdf']);
    // A court's key is not a procuratorate's: the route is not for it, and its own path finds nothing.
    expect((await get(path, courtA.apiKey)).status).toBe(403);
    expect((await get(courtFiles(reference), courtA.apiKey)).status).toBe(404);
    expect((await get(courtFiles(referenceA), procuratorate.apiKey)).status).toBe(403);
  });

  it('refuses a file too large (413), of a forbidden kind (415) or not what it claims (422), and keeps nothing', async () => {
    const before = await kept();
    const refusals = [
      {
        form: fileForm(samplePdf('大', capBytes + 1), '大文件.pdf', 'application/pdf'),
        status: 413,
        code: 'file_too_large',
      },
      {
        form: fileForm(samplePdf('更大', capBytes * 3), '更大.pdf', 'application/pdf'),
        status: 413,
        code: 'file_too_large',
      },
      { form: fileForm(sampleHtml(), '页面.html', 'text/html'), status: 415, code: 'file_type_forbidden' },
      {
        form: fileForm(sampleHtml(), '伪装.pdf', 'application/pdf'),
        status: 415,
        code: 'file_type_forbidden',
      },
      {
        form: fileForm(samplePng(3), '协议.png', 'application/pdf'),
        status: 422,
        code: 'file_type_mismatch',
      },
      {
        form: fileForm(samplePng(4), '协议.pdf', 'application/octet-stream'),
        status: 422,
        code: 'file_type_mismatch',
      },
    ];
    for (const refusal of refusals) {
      for (const [path, credential] of [
        [courtFiles(referenceA), courtA.apiKey],
        [`/v1/cases/${caseNumber}/attachments`, clerk.token],
      ] as const) {
        const response = await send(path, credential, refusal.form);
        const problem = (await response.json()) as { code: string; errors: { field: string }[] };
        expect([response.status, problem.code], JSON.stringify(problem)).toEqual([
          refusal.status,
          refusal.code,
        ]);
        expect(response.headers.get('content-type')).toBe('application/problem+json');
        expect(problem.errors[0]!.field).toBe('file');
      }
    }
    const noFile = await send(
      `/v1/cases/${caseNumber}/attachments`,
      clerk.token,
      (() => {
        const form = new FormData();
        form.append('note', 'no file');
        return form;
      })(),
    );
    expect(noFile.status).toBe(400);
    expect(await kept()).toEqual(before);
  });

  it('keeps an archived case’s files read-only (409 with the current stage)', async () => {
    const [{ code: unitCode }] = (await system.database.sql`select code from units limit 1`) as unknown as [
      { code: string },
    ];
    const row: Record<string, string> = {
      案件编号: `${system.caseNumberPrefix}-2021-000777`,
      登记日期: '2021-06-01',
      来源: '来访',
      纠纷类别: '婚姻家庭纠纷',
      分级: '一般',
      案情摘要: '子女抚养费给付纠纷',
      承办单位编码: unitCode,
      当事人: '刘洋|申请人',
      处理结果: '调解不成',
      结案日期: '2021-06-15',
    };
    const csv = formatCsv([ledgerHeaders, ledgerHeaders.map((header) => row[header] ?? '')]);
    const imported = await fetch(`${system.baseUrl}/v1/admin/import?format=csv`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin.token}`, 'content-type': 'text/csv' },
      body: csv,
    });
    expect(imported.status, await imported.clone().text()).toBe(201);
    const before = await kept();
    const refused = await send(
      `/v1/cases/${row.案件编号}/attachments`,
      clerk.token,
      fileForm(samplePdf('归档后'), '补充.pdf', 'application/pdf'),
    );
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ code: 'case_closed', currentStage: 'archived' });
    expect(await kept()).toEqual(before);
    expect((await get(`/v1/cases/${row.案件编号}/attachments`, clerk.token)).status).toBe(200);
  });
});
