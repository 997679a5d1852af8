import type { Download } from '../use-cases/shared/download.js';

/**
 * Content-Disposition for a download with a Chinese name: an ASCII fallback and the real name in
 * RFC 5987 form (filename*=UTF-8''…), which every current browser prefers.
 */
export function contentDisposition(fileName: string, asciiFallback: string): string {
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  const fallback = asciiFallback.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

const exportContentTypes = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** The HTTP answer for a download: the stream, its content type and a name in Chinese and in ASCII. */
export function downloadResponse(download: Download): Response {
  const { format, body, fileName } = download;
  return new Response(body, {
    status: 200,
    headers: {
      'content-type': exportContentTypes[format],
      'content-disposition': contentDisposition(`${fileName.zh}.${format}`, `${fileName.ascii}.${format}`),
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
  });
}
