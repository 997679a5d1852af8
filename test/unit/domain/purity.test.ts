import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * domain/ is imported by Temporal workflow code, which must be deterministic: no Node built-ins, no I/O,
 * no clock, no randomness. This reads the sources and refuses anything that could break that.
 */
const domainFolder = join(import.meta.dirname, '../../../domain');
const files = readdirSync(domainFolder).filter((name) => name.endsWith('.ts'));

const forbidden: [RegExp, string][] = [
  [/from\s+['"]node:/, 'a node: import'],
  [/from\s+['"](fs|path|os|crypto|child_process|http|https|net|util|events)['"]/, 'a Node built-in'],
  [/\brequire\s*\(/, 'require()'],
  [/\bprocess\./, 'process'],
  [/Date\.now\s*\(/, 'Date.now()'],
  [/new Date\(\s*\)/, 'new Date() without arguments'],
  [/Math\.random\s*\(/, 'Math.random()'],
  [/\b(fetch|setTimeout|setInterval)\s*\(/, 'I/O or timers'],
];

describe('domain/ stays deterministic', () => {
  it('has source files', () => {
    expect(files.length).toBeGreaterThan(10);
  });

  it.each(files)('%s uses no Node built-ins, clock, randomness or I/O', (file) => {
    const source = readFileSync(join(domainFolder, file), 'utf8');
    for (const [pattern, what] of forbidden) expect(pattern.test(source), `${file} uses ${what}`).toBe(false);
  });

  it.each(files)('%s imports only domain files and the holiday data', (file) => {
    const source = readFileSync(join(domainFolder, file), 'utf8');
    const specifiers = [...source.matchAll(/\bfrom\s+['"]([^'"]+)['"]/g)].map((match) => match[1]);
    for (const specifier of specifiers) {
      expect(
        specifier === 'chinese-days/dist/chinese-days.json' || /^\.\/[\w-]+\.js$/.test(specifier ?? ''),
      ).toBe(true);
    }
  });
});
