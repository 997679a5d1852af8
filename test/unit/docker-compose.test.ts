import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { environmentKeys } from '../../config/env.js';
import { findOnPath } from '../../config/temporal-binaries.js';

interface Service {
  image?: string;
  build?: string;
  command?: string[] | string;
  environment?: Record<string, string | number>;
  depends_on?: Record<string, { condition: string }> | string[];
  ports?: string[];
  networks?: string[];
  volumes?: string[];
}

const file = new URL('../../docker-compose.yml', import.meta.url);
const text = readFileSync(file, 'utf8');
const compose = parse(text, { merge: true }) as Record<string, unknown> & {
  services: Record<string, Service>;
};
const { services } = compose;
const app = ['migrate', 'worker-1', 'worker-2', 'api-1', 'api-2'];
const condition = (service: string, on: string) =>
  (services[service]?.depends_on as Record<string, { condition: string }> | undefined)?.[on]?.condition;

/** Every secret the file asks for, so `docker-compose config` can interpolate it. */
const secrets = [
  'POSTGRES_PASSWORD',
  'TEMPORAL_DB_PASSWORD',
  'FEISUTONG_DB_PASSWORD',
  'AUTH_TOKEN_SECRET',
  'FEISUTONG_ADMIN_PASSWORD',
  'CALLBACK_SIGNING_KEY',
  'PAYLOAD_ENCRYPTION_KEYS',
  'LOOKUP_HASH_KEY',
];

describe('docker-compose.yml: the topology npm run test:topology runs', () => {
  it('has PostgreSQL, a schema job, the Temporal server and UI, and the app: migrations, two workers, two APIs', () => {
    expect(Object.keys(services).sort()).toEqual([
      'api-1',
      'api-2',
      'migrate',
      'postgres',
      'temporal',
      'temporal-namespace',
      'temporal-schema',
      'temporal-ui',
      'worker-1',
      'worker-2',
    ]);
    expect(compose.name).toBeUndefined(); // Compose v1 refuses a top-level name
    for (const app of ['migrate', 'worker-1', 'worker-2', 'api-1', 'api-2'])
      expect(services[app]?.build).toBe('.');
  });

  it('pins every image to a version: the production server (not auto-setup) at the CLI dev server’s version', () => {
    for (const [name, service] of Object.entries(services)) {
      if (!service.image || service.build) continue;
      expect(service.image, name).toMatch(/^[a-z/-]+:\d+\.\d+(\.\d+)?(-[a-z]+)?(@sha256:[0-9a-f]{64})?$/);
    }
    expect(services.temporal?.image).toMatch(/^temporalio\/server:1\.29\.1\b/);
    expect(services['temporal-schema']?.image).toMatch(/^temporalio\/admin-tools:1\.29\.1\b/);
    expect(text).not.toContain('auto-setup');
    expect(services.temporal?.environment).toMatchObject({
      DB: 'postgres12',
      POSTGRES_SEEDS: 'postgres',
      POSTGRES_USER: 'temporal',
      NUM_HISTORY_SHARDS: 8,
    });
    expect(String(services['temporal-schema']?.command)).toMatch(/setup-schema -v 0\.0[\s\S]*update-schema/);
  });

  it('publishes Temporal’s gRPC and UI on localhost only; the app connects as its own role, not the superuser', () => {
    for (const name of ['temporal', 'temporal-ui', 'postgres', 'temporal-schema', 'temporal-namespace']) {
      for (const port of services[name]?.ports ?? []) expect(port, name).toMatch(/^127\.0\.0\.1:/);
    }
    expect(services.postgres?.environment?.POSTGRES_USER).toBe('postgres');
    expect(services.postgres?.volumes).toContain(
      './deploy/postgres-init.sh:/docker-entrypoint-initdb.d/10-roles.sh:ro',
    );
    const init = readFileSync(new URL('../../deploy/postgres-init.sh', import.meta.url), 'utf8');
    expect(init).toContain('CREATE ROLE feisutong LOGIN PASSWORD');
    expect(init).not.toMatch(/feisutong[^\n]*SUPERUSER/);
    for (const name of app) {
      const environment = services[name]?.environment ?? {};
      expect(String(environment.DATABASE_URL)).toMatch(
        /^postgres:\/\/feisutong:\$\{FEISUTONG_DB_PASSWORD:\?[^}]*\}@postgres:5432\/feisutong$/,
      );
      expect(environment.TEMPORAL_ADDRESS).toBe('temporal:7233');
      expect(environment.PAYLOAD_ENCRYPTION_KEYS).toMatch(/^\$\{PAYLOAD_ENCRYPTION_KEYS:\?/);
      // Every variable the app gets is one config/env.ts reads; nothing is silently ignored.
      for (const key of Object.keys(environment)) expect(environmentKeys).toContain(key);
    }
  });

  it('runs the same entry points as production and starts each part only after what it needs', () => {
    expect(services['api-1']?.command).toEqual(['npx', 'tsx', 'bin/api.ts']);
    expect(services['worker-2']?.command).toEqual(['npx', 'tsx', 'bin/worker.ts']);
    expect(services.migrate?.command).toEqual(['npx', 'tsx', 'db/migrate.ts']);
    expect(condition('temporal-schema', 'postgres')).toBe('service_healthy');
    expect(condition('temporal', 'temporal-schema')).toBe('service_completed_successfully');
    for (const name of ['worker-1', 'worker-2', 'api-1', 'api-2']) {
      expect(condition(name, 'migrate')).toBe('service_completed_successfully');
      expect(condition(name, 'temporal-namespace')).toBe('service_completed_successfully');
    }
  });

  it('keeps secrets out of the file: each must come from the environment', () => {
    for (const secret of secrets) expect(text).toContain(`\${${secret}:?`);
    expect(text).not.toMatch(/PASSWORD:\s+[^$\s]/);
  });

  it('builds the app image from the Dockerfile with the commands compose runs', () => {
    const dockerfile = readFileSync(new URL('../../Dockerfile', import.meta.url), 'utf8');
    expect(dockerfile).toMatch(/^FROM node:\d+/m);
    expect(dockerfile).toContain('npm ci');
  });

  // Debian's docker-compose (Compose v1, 1.29) is the stricter reader: what it accepts, v2 accepts too.
  it.skipIf(!findOnPath('docker-compose'))(
    'passes `docker-compose config` (Compose v1), and fails without a secret',
    () => {
      const environment: Record<string, string> = {
        PATH: process.env.PATH ?? '',
        ...Object.fromEntries(secrets.map((secret) => [secret, `test-${secret.toLowerCase()}`])),
      };
      const cwd = new URL('../..', import.meta.url).pathname;
      const rendered = execFileSync('docker-compose', ['config'], {
        cwd,
        env: environment,
        stdio: 'pipe',
      }).toString();
      const services = (parse(rendered) as { services: Record<string, Service> }).services;
      expect(Object.keys(services)).toHaveLength(10);
      expect(services['api-2']?.environment?.DATABASE_URL).toBe(
        'postgres://feisutong:test-feisutong_db_password@postgres:5432/feisutong',
      );
      const { PAYLOAD_ENCRYPTION_KEYS: _missing, ...withoutKeys } = environment;
      expect(() =>
        execFileSync('docker-compose', ['config', '-q'], { cwd, env: withoutKeys, stdio: 'pipe' }),
      ).toThrow(/PAYLOAD_ENCRYPTION_KEYS/);
    },
  );
});
