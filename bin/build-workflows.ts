/**
 * `npm run build:workflows [-- path]`: bundle the workflow code ahead (default .tools/workflow-bundle.js)
 * for WORKFLOW_BUNDLE_PATH, so a worker starts without running webpack (the Docker image does this).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { bundleWorkflows } from '../system/worker.js';

const target = resolve(process.argv[2] ?? '.tools/workflow-bundle.js');
const started = Date.now();
const bundle = await bundleWorkflows();
await mkdir(dirname(target), { recursive: true });
await writeFile(target, bundle.code);
console.log(
  `workflow bundle: ${target} (${(bundle.code.length / 1024 / 1024).toFixed(2)} MB, ${Date.now() - started} ms)`,
);
