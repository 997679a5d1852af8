import { DefaultLogger, Runtime } from '@temporalio/worker';

// Workers in tests log only warnings and errors; a failing test still shows what went wrong.
try {
  Runtime.install({ logger: new DefaultLogger('WARN') });
} catch {
  // Already installed in this process.
}
