/** A file a use case hands back for download: the HTTP layer names and streams it. */
export interface Download {
  format: 'csv' | 'xlsx';
  body: ReadableStream<Uint8Array>;
  /** The file's name in Chinese, and an ASCII one for clients that cannot show it. */
  fileName: { zh: string; ascii: string };
}
