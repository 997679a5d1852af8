/**
 * `npm run test:loaded`: the whole suite while every core is kept at 100% by a busy loop, as on a
 * developer's laptop with other work running. Extra arguments go to `npm test` (e.g. `-- --project e2e`).
 * Exits with the suite's exit code; the loops stop with it.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { availableParallelism } from 'node:os';

const loops: ChildProcess[] = [];
const cores = Number(process.env.LOAD_LOOPS ?? availableParallelism());
for (let i = 0; i < cores; i += 1) {
  loops.push(spawn(process.execPath, ['-e', 'for (;;) {}'], { stdio: 'ignore' }));
}
const stopLoops = () => {
  for (const loop of loops) loop.kill('SIGKILL');
};
process.once('exit', stopLoops);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    stopLoops();
    process.exit(130);
  });
}

console.log(`test:loaded: ${loops.length} busy loops keep ${loops.length} cores at 100% while npm test runs`);
const started = Date.now();
const suite = spawn('npm', ['test', '--', ...process.argv.slice(2)], { stdio: 'inherit' });
suite.once('exit', (code, signal) => {
  stopLoops();
  console.log(
    `test:loaded: npm test ${signal ?? `exit ${code}`} in ${Math.round((Date.now() - started) / 1000)} s under load`,
  );
  process.exit(code ?? 1);
});
