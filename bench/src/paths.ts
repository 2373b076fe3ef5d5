import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const benchDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const repoDir = resolve(benchDir, '..');
export const probeFile = resolve(benchDir, 'src/probe.mjs');
/** The tsx loader, for worker and peer processes that run TypeScript. */
export const tsxLoader = import.meta.resolve('tsx');
