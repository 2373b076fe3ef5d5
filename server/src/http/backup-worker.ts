// A worker thread's entry (bundled as dist/backup-worker.js): checks backups, one at a time.
import { parentPort } from 'node:worker_threads';
import { checkBackup } from './backup-check.js';

parentPort!.on('message', ({ bytes, maxDocBytes }: { bytes: Uint8Array; maxDocBytes: number }) => {
  const result = checkBackup(bytes, maxDocBytes);
  parentPort!.postMessage(
    result,
    result.ok ? result.states.map(([, s]) => s.buffer as ArrayBuffer) : [],
  );
});
