import { performance } from 'node:perf_hooks';

/**
 * Milliseconds since the epoch with sub-millisecond precision. Every process on this machine
 * shares the clock, so stamps taken in a worker and in the main process are comparable.
 */
export const now = (): number => performance.timeOrigin + performance.now();

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, Math.max(0, ms)));

/** Sleeps until the absolute time `at` (from `now()`). */
export const until = (at: number) => sleep(at - now());
