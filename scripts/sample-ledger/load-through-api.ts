import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sampleLedgerFolder, sampleLedgerName } from '../generate-sample-ledger.js';

export interface SampleUnitRow {
  code: string;
  name: string;
  kind: 'centre' | 'station';
}

export interface SampleKnownTotals {
  units: SampleUnitRow[];
  ledger: Record<string, unknown>;
  statistics: {
    totals: Record<string, unknown>;
    byMonth: Record<string, { received: number; settled: number; amountSettledFen: number }>;
    byCategory: Record<string, { received: number; settled: number; amountSettledFen: number }>;
    bySource: Record<string, { received: number; settled: number; amountSettledFen: number }>;
    byUnit: Record<string, { received: number; settled: number; amountSettledFen: number }>;
  };
}

export function readSampleFile(extension: 'csv' | 'xlsx' | 'totals.json'): Promise<Buffer> {
  return readFile(join(sampleLedgerFolder, `${sampleLedgerName}.${extension}`));
}

export async function readSampleTotals(): Promise<SampleKnownTotals> {
  return JSON.parse((await readSampleFile('totals.json')).toString()) as SampleKnownTotals;
}

async function call(baseUrl: string, adminToken: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${adminToken}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const json = (await response.json()) as Record<string, unknown>;
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(json)}`);
  return json;
}

/**
 * Put the sample year into a running system through its API, as an admin would: the centre and its 18
 * stations (stations below the centre; existing codes are reused), then the CSV ledger. Returns the
 * unit ids by code and the import's answer.
 */
export async function loadSampleLedger(baseUrl: string, adminToken: string) {
  const known = await readSampleTotals();
  const existing = (await call(baseUrl, adminToken, 'GET', '/v1/admin/units')).items as {
    id: string;
    code: string;
  }[];
  const unitIds = new Map(existing.map((unit) => [unit.code, unit.id]));
  for (const unit of known.units) {
    if (unitIds.has(unit.code)) continue;
    const parentId = unit.kind === 'station' ? unitIds.get('HLBE-CENTRE') : undefined;
    const created = await call(baseUrl, adminToken, 'POST', '/v1/admin/units', {
      code: unit.code,
      name: unit.name,
      kind: unit.kind,
      ...(parentId ? { parentId } : {}),
    });
    unitIds.set(unit.code, created.id as string);
  }
  const response = await fetch(`${baseUrl}/v1/admin/import?format=csv&fileName=${sampleLedgerName}.csv`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminToken}`, 'content-type': 'text/csv' },
    body: await readSampleFile('csv'),
  });
  const result = (await response.json()) as Record<string, unknown>;
  if (response.status !== 201)
    throw new Error(`import: ${response.status} ${JSON.stringify(result).slice(0, 800)}`);
  return { unitIds, result, known };
}
