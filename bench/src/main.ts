// `pnpm bench [--quick] [--only votes,coedit,storm,memory,startup,cluster,failover] [--workers N] [--profile]`
// [--targets plenary,hocuspocus,relay] [--phases 0,1] [--out FILE]
// Starts the production server (and the peers it is compared with) in their own processes,
// drives them with real socket.io and Yjs clients from worker processes on loopback, prints a
// table and writes bench/results.json (bench/results-quick.json for --quick).
import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { format as prettier } from 'prettier';
import { resolveBuild } from './build.js';
import { config } from './config.js';
import { benchDir, repoDir } from './paths.js';
import { machine, resolve as resolveRow, table, type Row } from './report.js';
import { killAll, ServerProcess, type ServerKind, type StartOptions } from './server.js';
import { killWorkers, Pool } from './workers/pool.js';
import type { Context } from './scenarios/context.js';
import { votes } from './scenarios/votes.js';
import { coedit } from './scenarios/coedit.js';
import { storm } from './scenarios/storm.js';
import { memory } from './scenarios/memory.js';
import { startup } from './scenarios/startup.js';
import { cluster } from './scenarios/cluster.js';
import { failover } from './scenarios/failover.js';

const SCENARIOS = { votes, coedit, storm, memory, startup, cluster, failover } as const;
type Name = keyof typeof SCENARIOS;

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    workers: { type: 'string', default: '2' },
    profile: { type: 'boolean', default: false },
    out: { type: 'string' },
    /** Co-editing: which servers (plenary,hocuspocus,relay) and which phases (by index). */
    targets: { type: 'string' },
    phases: { type: 'string' },
  },
});

const log = (line: string) => console.log(line);
const names = (values.only?.split(',') ?? Object.keys(SCENARIOS)) as Name[];
for (const n of names) if (!(n in SCENARIOS)) throw new Error(`unknown scenario ${n}`);
const cfg = config(values.quick, Number(values.workers));
if (values.targets) cfg.coedit.targets = values.targets.split(',') as typeof cfg.coedit.targets;
if (values.phases)
  cfg.coedit.phases = values.phases.split(',').map((i) => cfg.coedit.phases[Number(i)]!);
const profileDir = values.profile ? resolve(benchDir, 'profiles') : undefined;
if (profileDir) mkdirSync(profileDir, { recursive: true });

process.on('exit', () => {
  killWorkers();
  killAll();
});
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    killWorkers();
    killAll();
    process.exit(130);
  });

const started = Date.now();
const before = machine();
log(
  `plenary bench${cfg.quick ? ' --quick' : ''}: ${names.join(', ')}; load ${before.loadavg.join(' ')}`,
);
const build = resolveBuild(log);
const pool = await Pool.start(cfg.workers);
const rows: Row[] = [];
const details: Record<string, unknown> = {};
const loads: Record<string, number[]> = {};
const servers = new Set<ServerProcess>();
const ctx: Context = {
  cfg,
  build,
  pool,
  rows,
  details,
  log,
  profileDir,
  async start(kind: ServerKind, options: StartOptions = {}) {
    const server = await ServerProcess.start(kind, options);
    servers.add(server);
    return server;
  },
  async phase(server, name, run) {
    if (!profileDir) return run();
    await server.profileStart();
    try {
      return await run();
    } finally {
      const file = resolve(profileDir, `${name.replace(/\W+/g, '-')}-${server.kind}.cpuprofile`);
      await server.profileStop(file);
      log(`  profile: ${file}`);
    }
  },
};

let failed = false;
try {
  for (const name of names) {
    const t0 = Date.now();
    log(`\n== ${name}`);
    try {
      await SCENARIOS[name](ctx);
    } catch (error) {
      failed = true;
      console.error(`scenario ${name} failed:`, error);
      for (const s of servers) {
        const state = s.child.exitCode ?? s.child.signalCode;
        console.error(
          `${s.kind} server (pid ${s.pid}${state === null ? '' : `, exited ${state}`}), last output:\n${s.output.slice(-3000)}`,
        );
      }
    } finally {
      for (const s of servers) await s.stop();
      servers.clear();
      await pool.all('disconnectAll', () => ({})).catch(() => undefined);
      await pool.all('closeEditors', () => ({})).catch(() => undefined);
    }
    loads[name] = machine().loadavg;
    log(
      `   ${name} took ${((Date.now() - t0) / 1000).toFixed(1)} s; load ${loads[name]!.join(' ')}`,
    );
  }
} finally {
  await pool.close();
}

const resolved = rows.map(resolveRow);
const text = table(resolved);
log(`\n${text}\n`);
const missed = resolved.filter((r) => r.met === false);
log(
  missed.length === 0
    ? 'every goal met'
    : `goals missed: ${missed.map((r) => `${r.scenario} / ${r.metric}`).join('; ')}`,
);
const commit = (() => {
  try {
    return execSync('git rev-parse --short HEAD', { cwd: repoDir }).toString().trim();
  } catch {
    return null;
  }
})();
const out = values.out ?? resolve(benchDir, cfg.quick ? 'results-quick.json' : 'results.json');
const json = JSON.stringify({
  date: new Date(started).toISOString(),
  quick: cfg.quick,
  commit,
  durationS: Math.round((Date.now() - started) / 1000),
  machine: { ...machine(), loadavgAtStart: before.loadavg, loadavgAfter: loads },
  scenarios: names,
  table: text,
  rows: resolved,
  details,
});
writeFileSync(out, await prettier(json, { parser: 'json' }));
log(`results in ${out} (${Math.round((Date.now() - started) / 1000)} s)`);
// The harness asserts no timings: it fails only when a scenario could not run.
process.exit(failed ? 1 : 0);
