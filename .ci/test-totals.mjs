// Prints the run's totals from Vitest's JUnit files as one plain line: `tests: N passed, N failed`.
// A missing or unreadable file counts as a failed run (exit 1); with none at all the line is
// `tests: 0 passed, 0 failed`.
import { readFileSync } from 'node:fs';

const files = process.argv.length > 2 ? process.argv.slice(2) : ['test-results/vitest/junit.xml'];
let xml = '';
let missing = 0;
for (const file of files) {
  try {
    xml += readFileSync(file, 'utf8');
  } catch {
    console.log(`(no JUnit file at ${file}: those tests did not run)`);
    missing += 1;
  }
}

let passed = 0;
let failed = 0;
let skipped = 0;
// Each <testcase …/> or <testcase …>…</testcase>: failed when it holds a failure or an error.
for (const match of xml.matchAll(/<testcase\b[^>]*?(\/>|>([\s\S]*?)<\/testcase>)/g)) {
  const body = match[2] ?? '';
  if (/<(failure|error)\b/.test(body)) failed += 1;
  else if (/<skipped\b/.test(body)) skipped += 1;
  else passed += 1;
}
// A file that failed to load has no test cases but a suite-level error.
const suiteErrors = [...xml.matchAll(/<testsuite\b[^>]*\berrors="(\d+)"/g)].reduce(
  (sum, m) => sum + Number(m[1]),
  0,
);
if (skipped > 0) console.log(`(${skipped} skipped)`);
if (suiteErrors > failed) failed = suiteErrors;
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 || missing > 0 ? 1 : 0);
