import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  type CentrePolicy,
  defaultCentrePolicies,
  selectCentrePolicy,
} from '../../../domain/centre-policies.js';

const on = defaultCentrePolicies[0]!;
const off: CentrePolicy = {
  ...on,
  id: 'conference.before_settlement@2026-12-01',
  effectiveFrom: '2026-12-01',
  enabled: false,
};

describe('centre policies (中心工作制度, not law)', () => {
  it('picks the era in force on the day: the latest start not after it', () => {
    expect(selectCentrePolicy([on, off], 'conference.before_settlement', '2026-11-30')?.enabled).toBe(true);
    expect(selectCentrePolicy([on, off], 'conference.before_settlement', '2026-12-01')?.enabled).toBe(false);
    expect(selectCentrePolicy([], 'conference.before_settlement', '2026-12-01')).toBeUndefined();
  });

  it('seeds every default row in the migration, marked as centre policy', async () => {
    const migrations = new URL('../../../db/migrations/', import.meta.url);
    const { readdir } = await import('node:fs/promises');
    const sql = (
      await Promise.all(
        (
          await readdir(migrations)
        )
          .filter((f) => f.endsWith('.sql'))
          .map((f) => readFile(new URL(f, migrations), 'utf8')),
      )
    ).join('\n');
    for (const policy of defaultCentrePolicies) {
      expect(policy.source).toBe('centre policy (not law)');
      expect(sql).toContain(
        `'${policy.id}', '${policy.key}', '${policy.effectiveFrom}', ${policy.enabled}, '${policy.rule}', '${policy.ruleZh}'`,
      );
    }
  });
});
