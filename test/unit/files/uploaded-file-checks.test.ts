import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { asciiFileName, sanitiseFileName } from '../../../domain/file-names.js';
import { Refusal } from '../../../domain/refusals.js';
import { detectFileType } from '../../../lib/detect-file-type.js';
import { checkUploadedFile } from '../../../use-cases/attachments/check-uploaded-file.js';
import { sampleDocx, sampleHtml, samplePdf, samplePng } from '../../helpers/sample-files.js';

/** A Word 97–2003 file, converted from a .docx by LibreOffice (soffice --convert-to doc). */
const wordDoc = new Uint8Array(readFileSync(join(import.meta.dirname, '../../fixtures/files/agreement.doc')));

async function refusalOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof Refusal)) throw new Error(`expected a refusal, got ${String(error)}`);
  return { code: error.code, status: error.status, field: error.details.errors?.[0]?.field };
}

describe('a file name as people gave it, made safe', () => {
  it.each([
    ['调解协议书.pdf', '调解协议书.pdf'],
    ['C:\\Users\\张三\\身份证.jpg', '身份证.jpg'],
    ['../../etc/passwd', 'passwd'],
    ['协议\u202Efdp.exe', '协议fdp.exe'],
    ['a\u0000b\nc.pdf', 'abc.pdf'],
    ['..hidden.pdf', 'hidden.pdf'],
    ['what?<is>:this|*.pdf', 'what__is__this__.pdf'],
    ['   ', '附件'],
    ['', '附件'],
  ])('%j → %j', (given, kept) => {
    expect(sanitiseFileName(given)).toBe(kept);
  });

  it('keeps at most 120 characters and the extension', () => {
    const long = `${'长'.repeat(300)}.docx`;
    const kept = sanitiseFileName(long);
    expect([...kept]).toHaveLength(120);
    expect(kept.endsWith('.docx')).toBe(true);
  });

  it('has an ASCII stand-in for old clients', () => {
    expect(asciiFileName('起诉状.pdf', 'file')).toBe('file.pdf');
    expect(asciiFileName('scan 1.png', 'file')).toBe('scan 1.png');
    expect(asciiFileName('a"b;c%d.pdf', 'file')).toBe('abcd.pdf');
  });
});

describe('the kind of a file, from its content', () => {
  it('knows PDF, PNG, Word (.docx and .doc) and nothing else', async () => {
    expect(await detectFileType(samplePdf('x'))).toBe('application/pdf');
    expect(await detectFileType(samplePng())).toBe('image/png');
    expect(await detectFileType(await sampleDocx('x'))).toBe(
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    );
    expect(await detectFileType(wordDoc)).toBe('application/msword');
    expect(await detectFileType(sampleHtml())).toBeUndefined();
  });

  it('does not take any OLE compound file for a Word file', async () => {
    const notWord = Buffer.from(wordDoc);
    const stream = Buffer.from('WordDocument', 'utf16le');
    for (let at = notWord.indexOf(stream); at >= 0; at = notWord.indexOf(stream)) {
      Buffer.from('XordDocument', 'utf16le').copy(notWord, at);
    }
    expect(await detectFileType(new Uint8Array(notWord))).toBe('application/x-cfb');
  });
});

describe('checking an uploaded file before anything is stored', () => {
  const check = (bytes: Uint8Array, name: string, claimedType: string | undefined, maxBytes = 1024 * 1024) =>
    checkUploadedFile({ bytes, name, claimedType }, 'file', maxBytes);

  it('accepts an allowed file, records its detected type and hash', async () => {
    const checked = await check(wordDoc, '调解协议书.doc', 'application/msword');
    expect(checked).toMatchObject({ contentType: 'application/msword', fileName: '调解协议书.doc' });
    expect(checked.sha256).toMatch(/^[0-9a-f]{64}$/);
    // No claim (curl's default type) and a name without a known extension are no contradiction.
    expect((await check(samplePng(), 'scan', 'application/octet-stream')).contentType).toBe('image/png');
    expect((await check(samplePng(), 'scan.PNG', 'image/png')).contentType).toBe('image/png');
  });

  it('refuses over the cap (413), a forbidden kind (415), a false claim (422), each naming the field', async () => {
    expect(await refusalOf(check(samplePdf('x', 2000), 'a.pdf', 'application/pdf', 1000))).toEqual({
      code: 'file_too_large',
      status: 413,
      field: 'file',
    });
    expect(await refusalOf(check(sampleHtml(), 'a.html', 'text/html'))).toMatchObject({ status: 415 });
    expect(await refusalOf(check(sampleHtml(), 'a.pdf', 'application/pdf'))).toMatchObject({ status: 415 });
    expect(await refusalOf(check(samplePng(), 'a.png', 'application/pdf'))).toMatchObject({
      code: 'file_type_mismatch',
      status: 422,
      field: 'file',
    });
    expect(await refusalOf(check(samplePng(), 'a.docx', undefined))).toMatchObject({ status: 422 });
    expect(await refusalOf(check(new Uint8Array(), 'a.pdf', 'application/pdf'))).toMatchObject({
      status: 400,
    });
  });
});
