import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { environmentKeys } from '../../config/env.js';

interface Service {
  image?: string;
  build?: string;
  command?: string[];
  environment?: Record<string, string | number>;
  depends_on?: Record<string, { condition: string }>;
  ports?: string[];
}

const compose = parse(readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8'), {
  merge: true,
}) as { services: Record<string, Service> };
const { services } = compose;

describe('docker-compose.yml', () => {
  it('has PostgreSQL, Temporal on it, the Temporal UI and the app (migrate, worker, API)', () => {
    expect(Object.keys(services).sort()).toEqual([
      'api',
      'migrate',
      'postgres',
      'temporal',
      'temporal-ui',
      'worker',
    ]);
    expect(services.postgres?.image).toMatch(/^postgres:18/);
    expect(services.temporal?.environment).toMatchObject({ DB: 'postgres12', POSTGRES_SEEDS: 'postgres' });
    expect(services['temporal-ui']?.environment?.TEMPORAL_ADDRESS).toBe('temporal:7233');
    for (const name of ['migrate', 'worker', 'api']) expect(services[name]?.build).toBe('.');
  });

  it('wires the app to the postgres and temporal services with the same variables as npm start', () => {
    for (const name of ['migrate', 'worker', 'api']) {
      const environment = services[name]?.environment ?? {};
      expect(String(environment.DATABASE_URL)).toMatch(/@postgres:5432\/feisutong$/);
      expect(environment.TEMPORAL_ADDRESS).toBe('temporal:7233');
      // Every variable the app gets is one config/env.ts reads; nothing is silently ignored.
      for (const key of Object.keys(environment)) expect(environmentKeys).toContain(key);
    }
    expect(services.api?.command).toEqual(['npx', 'tsx', 'bin/api.ts']);
    expect(services.worker?.command).toEqual(['npx', 'tsx', 'bin/worker.ts']);
    expect(services.migrate?.command).toEqual(['npx', 'tsx', 'db/migrate.ts']);
  });

  it('starts each part only after what it needs', () => {
    expect(services.temporal?.depends_on?.postgres?.condition).toBe('service_healthy');
    expect(services.api?.depends_on?.migrate?.condition).toBe('service_completed_successfully');
    expect(services.worker?.depends_on?.temporal?.condition).toBe('service_healthy');
  });

  it('keeps secrets out of the file: each must come from the environment', () => {
    const text = readFileSync(new URL('../../docker-compose.yml', import.meta.url), 'utf8');
    for (const secret of [
      'POSTGRES_PASSWORD',
      'AUTH_TOKEN_SECRET',
      'FEISUTONG_ADMIN_PASSWORD',
      'CALLBACK_SIGNING_KEY',
    ]) {
      expect(text).toContain(`\${${secret}:?`);
    }
    expect(text).not.toMatch(/PASSWORD:\s+[^$\s]/);
  });

  it('builds the app image from the Dockerfile with the commands compose runs', () => {
    const dockerfile = readFileSync(new URL('../../Dockerfile', import.meta.url), 'utf8');
    expect(dockerfile).toMatch(/^FROM node:20/m);
    expect(dockerfile).toContain('npm ci');
  });
});
