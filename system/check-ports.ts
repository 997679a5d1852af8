import { createServer } from 'node:net';
import type { Environment } from '../config/env.js';
import { StartupError } from './startup-error.js';

interface WantedPort {
  variable: 'PORT' | 'EMBEDDED_POSTGRES_PORT' | 'TEMPORAL_DEV_PORT' | 'TEMPORAL_UI_PORT';
  host: string;
  port: number;
}

/** Whether `host:port` can be listened on now; EADDRINUSE is "no", any other refusal is an error. */
function canListen(host: string, port: number): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EADDRINUSE') resolve(false);
      else reject(error);
    });
    server.listen({ host, port, exclusive: true }, () => server.close(() => resolve(true)));
  });
}

/** The ports `npm start` is about to listen on with the settings given. */
export function portsToStart(env: Environment): WantedPort[] {
  const ports: WantedPort[] = [];
  if (env.PORT !== 0) ports.push({ variable: 'PORT', host: env.HOST, port: env.PORT });
  if (!env.DATABASE_URL)
    ports.push({ variable: 'EMBEDDED_POSTGRES_PORT', host: '127.0.0.1', port: env.EMBEDDED_POSTGRES_PORT });
  if (!env.TEMPORAL_ADDRESS) {
    ports.push({ variable: 'TEMPORAL_DEV_PORT', host: '127.0.0.1', port: env.TEMPORAL_DEV_PORT });
    ports.push({ variable: 'TEMPORAL_UI_PORT', host: '127.0.0.1', port: env.TEMPORAL_UI_PORT });
  }
  return ports;
}

async function suggestion(wanted: WantedPort, taken: Set<number>): Promise<string> {
  for (let candidate = wanted.port + 1; candidate <= Math.min(wanted.port + 50, 65535); candidate += 1) {
    if (taken.has(candidate)) continue;
    if (await canListen(wanted.host, candidate).catch(() => false))
      return `, e.g. ${wanted.variable}=${candidate}`;
  }
  return '';
}

/**
 * Before anything starts: every port the start will listen on is free, and no two settings name the
 * same port. A busy one stops the start with one line naming the variable to set.
 */
export async function checkPorts(env: Environment): Promise<void> {
  const ports = portsToStart(env);
  const taken = new Set(ports.map((wanted) => wanted.port));
  const seen = new Map<number, WantedPort['variable']>();
  for (const wanted of ports) {
    const other = seen.get(wanted.port);
    if (other) {
      throw new StartupError(
        `${other} and ${wanted.variable} are both ${wanted.port}; give ${wanted.variable} another port${await suggestion(wanted, taken)}`,
      );
    }
    seen.set(wanted.port, wanted.variable);
  }
  for (const wanted of ports) {
    let free: boolean;
    try {
      free = await canListen(wanted.host, wanted.port);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new StartupError(
        `cannot listen on ${wanted.host}:${wanted.port} (${wanted.variable}): ${code}; choose another ${wanted.variable === 'PORT' ? 'HOST or PORT' : wanted.variable}`,
      );
    }
    if (!free) {
      throw new StartupError(
        `port ${wanted.port} is in use (${wanted.variable}); stop whatever uses it or set ${wanted.variable} to a free port${await suggestion(wanted, taken)}`,
      );
    }
  }
}
