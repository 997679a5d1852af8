import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';

interface RunningHttpServer {
  url: string;
  close(): Promise<void>;
}

/** Anything that answers a Request: the server's Hono app. */
export interface FetchHandler {
  fetch(request: Request, ...rest: never[]): Response | Promise<Response>;
}

/** Serve an app on Node's HTTP server; `close` ends open keep-alive connections too. */
export async function serveHttp(
  app: FetchHandler,
  hostname: string,
  port: number,
): Promise<RunningHttpServer> {
  // A listen error (the port taken since it was checked) rejects instead of crashing the process.
  const server = await new Promise<ServerType>((resolve, reject) => {
    const started = serve({ fetch: app.fetch as never, hostname, port }, () => {
      started.off('error', reject);
      resolve(started);
    });
    started.once('error', reject);
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${hostname}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        if ('closeAllConnections' in server) server.closeAllConnections();
      }),
  };
}
