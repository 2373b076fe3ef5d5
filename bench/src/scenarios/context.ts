import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Config } from '../config.js';
import type { Row } from '../report.js';
import type { Build, ServerKind, ServerProcess, StartOptions } from '../server.js';
import type { Pool } from '../workers/pool.js';
import type { JoinTiming, Transport } from '../workers/participants.js';
import { now } from '../clock.js';
import type { Facilitator } from '../api.js';
import { CHECKLIST_TEMPLATE } from '../peers/seed.js';

export interface Context {
  cfg: Config;
  build: Build;
  pool: Pool;
  rows: Row[];
  details: Record<string, unknown>;
  log(line: string): void;
  /** Starts a server for this scenario; the harness stops it when the scenario ends. */
  start(kind: ServerKind, options?: StartOptions): Promise<ServerProcess>;
  /** Where --profile writes CPU profiles and heap snapshots (undefined without it). */
  profileDir: string | undefined;
  /** Runs a measured phase; with --profile, the server's CPU profile of it goes to bench/profiles. */
  phase<T>(server: ServerProcess, name: string, run: () => Promise<T>): Promise<T>;
}

/** A fresh data folder for a server under test (under BENCH_TMP, default the system's tmp). */
export const dataDir = () => mkdtemp(join(process.env.BENCH_TMP ?? tmpdir(), 'plenary-bench-'));

/** Participant `i` lives in worker `i % size`. */
export const workerOf = (pool: Pool, index: number) => index % pool.size;

/**
 * Joins participants [from, to) through the workers, spread over `windowMs`, each connected
 * (over WebSocket, as the web client does, unless `transport` says otherwise).
 */
export async function joinMany(
  ctx: Context,
  base: string,
  joinCode: string,
  workshopId: string,
  from: number,
  to: number,
  windowMs: number,
  transport: Transport = 'websocket',
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
    transport,
  }));
  const all = parts.flat().sort((a, b) => a.index - b.index);
  const failed = all.filter((j) => j.error);
  if (failed.length > 0) throw new Error(`${failed.length} joins failed, e.g. ${failed[0]!.error}`);
  return all;
}

/**
 * Like joinMany, with [from, to) cut into one consecutive share per server process (each
 * share spread over the workers, and over the whole window).
 */
export async function joinSpread(
  ctx: Context,
  bases: string[],
  joinCode: string,
  workshopId: string,
  from: number,
  to: number,
  windowMs: number,
): Promise<JoinTiming[]> {
  const cut = (k: number) => from + Math.round(((to - from) * k) / bases.length);
  const shares = await Promise.all(
    bases.map((base, k) => joinMany(ctx, base, joinCode, workshopId, cut(k), cut(k + 1), windowMs)),
  );
  return shares.flat();
}

/** How the scenarios name server process `i` of several: A, B, ... */
export const processName = (i: number) => String.fromCharCode(65 + i);

/** ctx.phase over several servers at once (with --profile, one CPU profile per process). */
export function phaseAll<T>(
  ctx: Context,
  servers: ServerProcess[],
  name: string,
  run: () => Promise<T>,
): Promise<T> {
  const nest = (i: number): Promise<T> =>
    i === servers.length
      ? run()
      : ctx.phase(servers[i]!, servers.length === 1 ? name : `${name} ${processName(i)}`, () =>
          nest(i + 1),
        );
  return nest(0);
}

/** Ten-second summary of a measurement for logs. */
export const ms = (v: number) => `${v.toFixed(1)} ms`;

/**
 * Random groups of `groupSize`, a checklist launched in each; returns the session once every
 * group has its document, and the document room of each joined participant.
 */
export async function launchChecklists(
  f: Facilitator,
  workshopId: string,
  joined: readonly { index: number; participantId: string }[],
  groupSize: number,
) {
  await f.send('group.auto', { mode: 'random', size: groupSize, mixCountries: true });
  await f.send('exercise.launch', {
    title: 'Indicators',
    kind: 'checklist',
    template: CHECKLIST_TEMPLATE,
  });
  const session = await f.until(() =>
    f.session && f.session.artifacts.length === f.session.groups.length ? f.session : false,
  );
  const roomOf = new Map<string, string>();
  for (const g of session.groups) {
    const artifact = session.artifacts.find((a) => a.groupId === g.id)!;
    for (const id of g.memberIds) roomOf.set(id, `${workshopId}/${artifact.id}`);
  }
  const docs = joined.map((j) => ({ index: j.index, room: roomOf.get(j.participantId)! }));
  return { session, docs };
}
