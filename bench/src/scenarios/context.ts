import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../config.js';
import type { Row } from '../report.js';
import type { Build, ServerKind, ServerProcess, StartOptions } from '../server.js';
import type { Pool } from '../workers/pool.js';
import type { JoinTiming } from '../workers/participants.js';
import { now } from '../clock.js';

export interface Context {
  cfg: Config;
  build: Build;
  pool: Pool;
  rows: Row[];
  details: Record<string, unknown>;
  log(line: string): void;
  /** Starts a server this scenario owns (CPU profile on request); it is stopped by `end`. */
  start(kind: ServerKind, options?: StartOptions): Promise<ServerProcess>;
}

export const dataDir = () => mkdtemp(join(tmpdir(), 'plenary-bench-'));

/** Participant `i` lives in worker `i % size`. */
export const workerOf = (pool: Pool, index: number) => index % pool.size;

/** Joins participants [from, to) through the workers, `perSecond` at a time, all connected. */
export async function joinMany(
  ctx: Context,
  base: string,
  joinCode: string,
  workshopId: string,
  from: number,
  to: number,
  windowMs: number,
): Promise<JoinTiming[]> {
  const start = now() + 200;
  const count = to - from;
  const plan = Array.from({ length: count }, (_, k) => ({
    index: from + k,
    at: start + (k / Math.max(1, count)) * windowMs,
  }));
  const parts = await ctx.pool.all('join', (w) => ({
    base,
    joinCode,
    workshopId,
    plan: plan.filter((p) => workerOf(ctx.pool, p.index) === w),
    transport: ctx.cfg.transport,
  }));
  const all = parts.flat().sort((a, b) => a.index - b.index);
  const failed = all.filter((j) => j.error);
  if (failed.length > 0) throw new Error(`${failed.length} joins failed, e.g. ${failed[0]!.error}`);
  return all;
}

/** Ten-second summary of a measurement for logs. */
export const ms = (v: number) => `${v.toFixed(1)} ms`;
