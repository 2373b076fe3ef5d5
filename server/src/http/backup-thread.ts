import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BackupCheck } from './backup-check.js';

/**
 * Checks a backup in a worker thread of its own: parsing 10 MB of JSON and loading 40 documents
 * takes the CPU for seconds, which on the event loop every other request would wait through.
 * One thread per restore (restores are rare and limited per address); its memory goes with it.
 * `bytes` must own its whole buffer (from readJsonBody): the buffer is handed over, not copied.
 */
export function checkBackupOffThread(bytes: Uint8Array, maxDocBytes: number): Promise<BackupCheck> {
  const options = {
    workerData: { bytes, maxDocBytes },
    transferList: [bytes.buffer as ArrayBuffer],
    resourceLimits: { maxOldGenerationSizeMb: 1024 },
  };
  const worker = import.meta.url.endsWith('.ts')
    ? // From the TypeScript sources (development, tests): through tsx's loader.
      new Worker(
        `import(${JSON.stringify(tsxApi())}).then(({ register }) => { register(); ` +
          `return import(${JSON.stringify(new URL('./backup-worker.ts', import.meta.url).href)}); })`,
        { ...options, eval: true },
      )
    : new Worker(new URL('./backup-worker.js', import.meta.url), options);
  return new Promise((resolve, reject) => {
    worker.once('message', (result: BackupCheck) => {
      resolve(result);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`backup worker exited (${code})`)));
  });
}

/** tsx's ES-module API (require.resolve finds its CommonJS twin beside it). */
const tsxApi = () =>
  pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
