import { request } from 'node:http';

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * A request over real HTTP from a chosen loopback source address (127.0.0.x), so a test can play
 * several clients, or send a body in chunks without a Content-Length.
 */
export function requestFrom(
  url: string,
  options: {
    method?: string;
    localAddress?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    /** Send the body in chunks of this size (Transfer-Encoding: chunked, no Content-Length). */
    chunkSize?: number;
  } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const body = typeof options.body === 'string' ? Buffer.from(options.body) : options.body;
    const headers = { ...options.headers };
    if (body && !options.chunkSize) headers['content-length'] = String(body.length);
    const req = request(
      url,
      {
        method: options.method ?? 'POST',
        headers,
        // A connection of its own: an unread body left on a kept-alive socket would stall the next request.
        agent: false,
        ...(options.localAddress ? { localAddress: options.localAddress } : {}),
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
        res.on('error', reject);
      },
    );
    // The server may answer (413) and close before the whole body is sent: that is the point.
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE' && error.code !== 'ECONNRESET') reject(error);
    });
    if (body && options.chunkSize) {
      for (let offset = 0; offset < body.length; offset += options.chunkSize)
        req.write(body.subarray(offset, offset + options.chunkSize));
      req.end();
    } else {
      req.end(body);
    }
  });
}
