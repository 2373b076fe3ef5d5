import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { BackupCheck } from './backup-check.js';

let worker: Worker | undefined;
let queue: Promise<unknown> = Promise.resolve();

/**
 * Checks a backup in a worker thread: parsing 10 MB of JSON and loading 40 documents takes the
 * CPU for seconds, which on the event loop every other request would wait through. One thread,
 * started at the first restore and kept (unref'd: it never holds a stopping process), one backup
 * at a time. `bytes` must own its whole buffer (from readJsonBody): it is handed over, not copied.
 */
export function checkBackupOffThread(bytes: Uint8Array, maxDocBytes: number): Promise<BackupCheck> {
  const run = queue.then(() => check(bytes, maxDocBytes));
  queue = run.catch(() => undefined);
  return run;
}

function check(bytes: Uint8Array, maxDocBytes: number): Promise<BackupCheck> {
  const w = (worker ??= start());
  return new Promise((resolve, reject) => {
    const done = () => {
      w.off('message', onMessage);
      w.off('error', onError);
      w.off('exit', onExit);
    };
    const onMessage = (result: BackupCheck) => {
      done();
      resolve(result);
    };
    const onError = (error: Error) => {
      done();
      if (worker === w) worker = undefined;
      void w.terminate();
      reject(error);
    };
    const onExit = (code: number) => onError(new Error(`backup worker exited (${code})`));
    w.on('message', onMessage);
    w.on('error', onError);
    w.on('exit', onExit);
    w.postMessage({ bytes, maxDocBytes }, [bytes.buffer as ArrayBuffer]);
  });
}

function start(): Worker {
  const options = { resourceLimits: { maxOldGenerationSizeMb: 1024 } };
  const w = import.meta.url.endsWith('.ts')
    ? // From the TypeScript sources (development, tests): through tsx's loader.
      new Worker(
        `import(${JSON.stringify(tsxApi())}).then(({ register }) => { register(); ` +
          `return import(${JSON.stringify(new URL('./backup-worker.ts', import.meta.url).href)}); })`,
        { ...options, eval: true },
      )
    : new Worker(new URL('./backup-worker.js', import.meta.url), options);
  w.unref();
  return w;
}

/** tsx's ES-module API (require.resolve finds its CommonJS twin beside it). */
const tsxApi = () =>
  pathToFileURL(
    createRequire(import.meta.url)
      .resolve('tsx/esm/api')
      .replace(/\.cjs$/, '.mjs'),
  ).href;
