// A worker thread's entry (bundled as dist/backup-worker.js): checks one backup and answers.
import { parentPort, workerData } from 'node:worker_threads';
import { checkBackup } from './backup-check.js';

const { bytes, maxDocBytes } = workerData as { bytes: Uint8Array; maxDocBytes: number };
const result = checkBackup(bytes, maxDocBytes);
parentPort!.postMessage(
  result,
  result.ok ? result.states.map(([, s]) => s.buffer as ArrayBuffer) : [],
);
