import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { readEnvironment } from '../../../config/env.js';
import { checkPorts, portsToStart } from '../../../system/check-ports.js';
import { describeStartupFailure } from '../../../system/startup-error.js';
import { freePort } from '../../helpers/ports.js';

describe('the ports npm start checks before anything starts', () => {
  it('are only the ones it will listen on', () => {
    const embedded = portsToStart(readEnvironment({}));
    expect(embedded.map((port) => port.variable)).toEqual([
      'PORT',
      'EMBEDDED_POSTGRES_PORT',
      'TEMPORAL_DEV_PORT',
      'TEMPORAL_UI_PORT',
    ]);
    const given = portsToStart(
      readEnvironment({ DATABASE_URL: 'postgres://db.example/feisutong', TEMPORAL_ADDRESS: 'temporal:7233' }),
    );
    expect(given.map((port) => port.variable)).toEqual(['PORT']);
  });

  it('refuses two settings naming the same port, in one line', async () => {
    const port = await freePort();
    const env = readEnvironment({ PORT: String(port), TEMPORAL_UI_PORT: String(port) });
    const error = await checkPorts(env).catch((e: unknown) => e);
    expect(describeStartupFailure(error)).toMatch(
      new RegExp(`^PORT and TEMPORAL_UI_PORT are both ${port}; give TEMPORAL_UI_PORT another port`),
    );
  });

  it('names the variable of a busy port and suggests a free one', async () => {
    const port = await freePort();
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    try {
      const env = readEnvironment({
        DATABASE_URL: 'postgres://db.example/feisutong',
        TEMPORAL_ADDRESS: 'temporal:7233',
        PORT: String(port),
      });
      const error = await checkPorts(env).catch((e: unknown) => e);
      expect(describeStartupFailure(error)).toMatch(
        new RegExp(`^port ${port} is in use \\(PORT\\); stop whatever uses it or set PORT to a free port`),
      );
    } finally {
      server.close();
    }
  });
});
