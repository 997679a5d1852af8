import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ClockedRequest {
  headers: IncomingHttpHeaders;
  body: string;
  /** The test's clock when the request came in (the time-skipping server's, when it skips). */
  at: number;
  answeredWith: number;
}

/**
 * A court's callback endpoint whose answer depends on a clock the test chooses, such as the
 * time-skipping server's: "down for an hour" means an hour of that clock, however little real time
 * passes.
 */
export async function startClockedReceiver(clock: () => Promise<number>, answer: (at: number) => number) {
  const received: ClockedRequest[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const at = await clock().catch(() => Number.NaN);
      const request: ClockedRequest = {
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        at,
        answeredWith: Number.isNaN(at) ? 500 : answer(at),
      };
      received.push(request);
      res.writeHead(request.answeredWith, { 'content-type': 'text/plain' }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/callback`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
