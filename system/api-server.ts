import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import type { App } from '../api/app.js';

export interface RunningApiServer {
  url: string;
  close(): Promise<void>;
}

/** Serve the Hono app on Node's HTTP server; `close` ends open keep-alive connections too. */
export async function serveApi(app: App, hostname: string, port: number): Promise<RunningApiServer> {
  const server = await new Promise<ServerType>((resolve) => {
    const started = serve({ fetch: app.fetch, hostname, port }, () => resolve(started));
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
