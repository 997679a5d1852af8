import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookupDigest } from '../../lib/lookup-digest.js';
import { createLogger } from '../../system/logger.js';
import { fillMissingLookupDigests } from '../../use-cases/cases/fill-lookup-digests.js';
import { casesWithDigests } from '../../use-cases/cases/find-possible-duplicates.js';
import { caseApi } from '../helpers/case-api.js';
import { eventually } from '../helpers/eventually.js';
import { testLookupHashKey } from '../helpers/lookup-key.js';
import { pageSession, visibleText } from '../helpers/page-session.js';
import { createStaff, createUnit, type TestUser } from '../helpers/staff.js';
import { startTestSystem, type TestSystem } from '../helpers/test-system.js';

/** A resident ID number whose GB 11643 check character is X, written here with a lower-case x. */
const idWithLowerX = '15070219880512102x';
const phoneWithCountryCode = '+86 138 0000 2222';

/**
 * The duplicate warning and the search by number find a party through the keyed digest index: across
 * the ways people type the same number, without reading the number columns, and without the number
 * reaching the server's log or a URL.
 */
describe('finding cases by a party’s ID number or phone through the look-up index', () => {
  let system: TestSystem;
  let clerk: TestUser;
  let unitId: string;
  let existing: string;
  const logLines: string[] = [];

  const intake = (changes: Record<string, string>) => ({
    formToken: randomUUID(),
    source: 'walk_in',
    unitId,
    summary: '相邻车位划线纠纷',
    request: '重新划线',
    applicantKind: 'person',
    applicantName: '高娜',
    applicantConsent: 'yes',
    respondentKind: 'person',
    respondentName: '周平',
    ...changes,
  });

  beforeAll(async () => {
    system = await startTestSystem({
      logger: createLogger('debug', { write: (line: string) => void logLines.push(line) }),
    });
    const unit = await createUnit(system.database.db, '查重测试中心');
    unitId = unit.id;
    clerk = await createStaff(system.database.db, 'clerk', unit.id);
    const registered = await caseApi(system).register(clerk.token, {
      source: 'walk_in',
      summary: '车位被占用，双方争执',
      parties: [
        {
          kind: 'person',
          name: '高娜',
          role: 'applicant',
          idType: 'resident_id',
          idNumber: idWithLowerX,
          phone: phoneWithCountryCode,
        },
        { kind: 'person', name: '周平', role: 'respondent' },
      ],
    });
    existing = registered.caseNumber;
    await eventually(async () => {
      const [row] = await system.database.sql`
        select count(*)::int as n from party_lookup_digests where case_number = ${existing}`;
      return row!.n === 2 ? true : undefined;
    });
  });
  afterAll(() => system?.stop());

  it('keeps digests, not numbers, in the index', async () => {
    const rows = await system.database.sql`
      select kind, digest from party_lookup_digests where case_number = ${existing} order by kind`;
    expect(rows.map((row) => row.kind)).toEqual(['id_number', 'phone']);
    expect(rows[0]!.digest).toBe(lookupDigest(testLookupHashKey, 'id_number', '15070219880512102X'));
    expect(rows[1]!.digest).toBe(lookupDigest(testLookupHashKey, 'phone', '13800002222'));
    for (const row of rows) expect(row.digest).toMatch(/^[0-9a-f]{64}$/);
  });

  it('warns at intake of the same ID number typed with a lower-case x, and of the same phone typed another way', async () => {
    const pages = pageSession(system, clerk);
    const byId = await pages.post(
      '/dashboard/work/register',
      intake({ applicantIdNumber: '150702 19880512102x' }),
    );
    expect(byId.status).toBe(409);
    expect(visibleText(byId.html)).toContain(existing);
    const byPhone = await pages.post('/dashboard/work/register', intake({ applicantPhone: '138-0000-2222' }));
    expect(byPhone.status).toBe(409);
    expect(visibleText(byPhone.html)).toContain(existing);
    const someoneElse = await pages.post(
      '/dashboard/work/register',
      intake({ applicantPhone: '13800002223' }),
    );
    expect(someoneElse.status).toBe(303);
  });

  it('searches by number only by POST, finding the case however the number is typed', async () => {
    const pages = pageSession(system, clerk);
    const form = await pages.get('/dashboard/work/search');
    expect(form.html).toMatch(
      /<form[^>]*method="post"[^>]*action="\/dashboard\/work\/search"|<form[^>]*action="\/dashboard\/work\/search"[^>]*method="post"/,
    );
    for (const number of ['15070219880512102X', idWithLowerX, '0086 13800002222', '138 0000 2222']) {
      const found = await pages.post('/dashboard/work/search', { number });
      expect(found.status).toBe(200);
      expect(visibleText(found.html)).toContain(existing);
    }
    const nothing = await pages.post('/dashboard/work/search', { number: '13800009999' });
    expect(visibleText(nothing.html)).not.toContain(existing);
  });

  it('looks up through the digest index without reading the party number columns', async () => {
    const query = casesWithDigests(system.database.db, [
      lookupDigest(testLookupHashKey, 'id_number', '15070219880512102X'),
    ]).toSQL();
    const plan = await system.database.sql.begin(async (tx) => {
      // A handful of rows would be read by a sequential scan anyway: ask for the plan a full table gets.
      await tx`set local enable_seqscan = off`;
      return tx.unsafe(`explain (verbose, costs off) ${query.sql}`, query.params as never[]);
    });
    const text = plan.map((row) => String(row['QUERY PLAN'])).join('\n');
    expect(text).toContain('party_lookup_digests_digest_idx');
    expect(text).not.toMatch(/id_number|phone|\bparties\b/);
  });

  it('never writes the numbers to the server’s log or puts them in a URL', () => {
    const log = logLines.join('');
    expect(log.length).toBeGreaterThan(0);
    for (const form of ['15070219880512102', '13800002222', '138-0000-2222', '138 0000 2222', '0000%202222'])
      expect(log).not.toContain(form);
  });

  it('fills the digests a row was written without, once, with the backfill', async () => {
    await system.database.sql`delete from party_lookup_digests where case_number = ${existing}`;
    expect(await fillMissingLookupDigests(system.database.db, testLookupHashKey)).toBe(2);
    expect(await fillMissingLookupDigests(system.database.db, testLookupHashKey)).toBe(0);
    const found = await pageSession(system, clerk).post('/dashboard/work/search', { number: idWithLowerX });
    expect(visibleText(found.html)).toContain(existing);
  });
});
