import { Document, Packer, Paragraph } from 'docx';

/** A small but real PDF (one empty page), padded to `size` bytes with a comment when asked. */
export function samplePdf(label: string, size = 0): Uint8Array {
  const body = `%PDF-1.4
1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj
% ${label}
trailer << /Root 1 0 R >>
%%EOF
`;
  const text = Buffer.from(body);
  if (size <= text.byteLength) return new Uint8Array(text);
  return new Uint8Array(Buffer.concat([text, Buffer.from(`%${'x'.repeat(size - text.byteLength - 2)}\n`)]));
}

/** A 1×1 PNG; `variant` changes one byte of its pixel so each variant hashes differently. */
export function samplePng(variant = 0): Uint8Array {
  const png = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
    'base64',
  );
  return new Uint8Array(Buffer.concat([png, Buffer.from([variant])]));
}

/** A real .docx with one paragraph, as Word would open it. */
export async function sampleDocx(text: string): Promise<Uint8Array> {
  const document = new Document({ sections: [{ children: [new Paragraph(text)] }] });
  return new Uint8Array(await Packer.toBuffer(document));
}

/** An HTML page: text, of no kind a case may keep. */
export function sampleHtml(): Uint8Array {
  return new Uint8Array(Buffer.from('<!doctype html><html><body><script>alert(1)</script></body></html>'));
}

/** A multipart form with one file part (and other text fields), as a browser or curl sends it. */
export function fileForm(
  bytes: Uint8Array,
  fileName: string,
  type: string,
  fields: Record<string, string> = {},
): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, value);
  form.append('file', new Blob([bytes], { type }), fileName);
  return form;
}
