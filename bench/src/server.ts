import { spawn, type ChildProcess } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { benchDir, probeFile, tsxLoader } from './paths.js';
import { now, sleep } from './clock.js';

/** What the probe (src/probe.mjs) reports from inside a server process. */
export interface ProbeStats {
  heapUsed: number;
  heapTotal: number;
  rss: number;
  external: number;
  arrayBuffers: number;
  loop: { p50: number; p99: number; max: number; mean: number; samples: number };
  gc: { count: number; ms: number; maxMs: number };
  cpuMs: number;
}

export interface DiskIo {
  /** Bytes this process caused to be sent to the storage layer. */
  writeBytes: number;
  /** Bytes passed to write(2) and friends, sockets included. */
  wchar: number;
}

/** Servers this harness runs: ours, and the peers it is compared with. */
export type ServerKind = 'plenary' | 'hocuspocus' | 'relay' | 'naive';

export interface Build {
  /** server/dist/main.js or a snapshot of it. */
  mainJs: string;
  /** The SvelteKit build it serves. */
  webDir: string;
}

export interface StartOptions {
  build?: Build;
  dataDir?: string;
  port?: number;
  /** More environment for the server, e.g. `REDIS_URL` (scenario 9, two processes). */
  env?: Record<string, string>;
}

const running = new Set<ChildProcess>();

/** Kills every process this harness started (on exit, on failure, on Ctrl-C). */
export function killAll(): void {
  for (const child of running) if (child.exitCode === null) child.kill('SIGKILL');
  running.clear();
}

/** Puts a process the harness started elsewhere (redis-server) under killAll too. */
export function adopt(child: ChildProcess): void {
  running.add(child);
  child.once('exit', () => running.delete(child));
}

export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as { port: number };
  await new Promise((r) => srv.close(r));
  return port;
}

/** A server under test in its own process, with the probe preloaded and an IPC channel to it. */
export class ServerProcess {
  private nextId = 0;
  private readonly waiting = new Map<number, (m: ProbeReply) => void>();
  private exited: Promise<void>;
  output = '';

  private constructor(
    readonly kind: ServerKind,
    readonly child: ChildProcess,
    readonly port: number,
    readonly spawnedAt: number,
    readonly readyAt: number,
  ) {
    child.on('message', (m: ProbeReply) => {
      if (!m || m.probe !== true) return;
      this.waiting.get(m.id)?.(m);
      this.waiting.delete(m.id);
    });
    this.exited = new Promise((r) => child.once('exit', () => r()));
  }

  get pid(): number {
    return this.child.pid!;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  static async start(kind: ServerKind, options: StartOptions = {}): Promise<ServerProcess> {
    const port = options.port ?? (await freePort());
    const flags = ['--expose-gc', '--import', probeFile];
    let args: string[];
    let env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1' };
    if (kind === 'plenary') {
      if (!options.build || !options.dataDir)
        throw new Error('plenary needs a build and a dataDir');
      args = [...flags, options.build.mainJs];
      env = {
        ...env,
        NODE_ENV: 'production',
        DATA_DIR: options.dataDir,
        WEB_BUILD_DIR: options.build.webDir,
        ...options.env,
      };
    } else {
      args = [...flags, '--import', tsxLoader, resolve(benchDir, `src/peers/${kind}.ts`)];
    }
    const spawnedAt = now();
    const child = spawn(process.execPath, args, {
      cwd: benchDir,
      env,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    });
    adopt(child);
    let output = '';
    const readyAt = await new Promise<number>((ready, failed) => {
      const onData = (d: Buffer) => {
        output += d.toString();
        if (output.length > 20_000) output = output.slice(-10_000);
        if (/listening on/.test(output)) ready(now());
      };
      child.stdout!.on('data', onData);
      child.stderr!.on('data', onData);
      child.once('exit', (code, signal) =>
        failed(new Error(`${kind} server exited (${code ?? signal}) before listening:\n${output}`)),
      );
      setTimeout(
        () => failed(new Error(`${kind} server did not start in 30 s:\n${output}`)),
        30_000,
      );
    }).catch((error: unknown) => {
      child.kill('SIGKILL');
      throw error;
    });
    const server = new ServerProcess(kind, child, port, spawnedAt, readyAt);
    server.output = output;
    // Keep reading, or a chatty server blocks on a full pipe.
    const keep = (d: Buffer) => {
      server.output = (server.output + d.toString()).slice(-20_000);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    return server;
  }

  private probe<T>(
    op: 'stats' | 'reset' | 'gc' | 'profileStart' | 'profileStop' | 'heapSnapshot',
    arg?: string,
  ): Promise<T> {
    const id = ++this.nextId;
    return new Promise<T>((resolvePromise, reject) => {
      const timer = setTimeout(() => reject(new Error(`probe ${op} timed out`)), 60_000);
      this.waiting.set(id, (m) => {
        clearTimeout(timer);
        if (m.error) reject(new Error(m.error));
        else resolvePromise(m.result as T);
      });
      this.child.send({ probe: true, id, op, arg });
    });
  }

  /** Memory, GC and event-loop delay since the last reset. */
  stats(): Promise<ProbeStats> {
    return this.probe('stats');
  }

  /** Starts a new measurement window for event-loop delay and GC. */
  reset(): Promise<ProbeStats> {
    return this.probe('reset');
  }

  /** Collects garbage fully, then reports. */
  gc(): Promise<ProbeStats> {
    return this.probe('gc');
  }

  /** Starts the V8 CPU profiler inside the server. */
  profileStart(): Promise<ProbeStats> {
    return this.probe('profileStart');
  }

  /** Stops the profiler and writes the profile (open it in Chrome DevTools, or profile-summary). */
  profileStop(file: string): Promise<ProbeStats> {
    return this.probe('profileStop', file);
  }

  /** Writes a heap snapshot after a full GC (open it in Chrome DevTools, or heap-diff). */
  heapSnapshot(file: string): Promise<string> {
    return this.probe('heapSnapshot', file);
  }

  async io(): Promise<DiskIo> {
    const text = await readFile(`/proc/${this.pid}/io`, 'utf8');
    const field = (name: string) =>
      Number(new RegExp(`^${name}: (\\d+)`, 'm').exec(text)?.[1] ?? 0);
    return { writeBytes: field('write_bytes'), wchar: field('wchar') };
  }

  /** Stops the server (SIGTERM, then SIGKILL after 10 s) and waits for the process to end. */
  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill(signal);
    const killer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await this.exited;
    clearTimeout(killer);
  }
}

interface ProbeReply {
  probe: true;
  id: number;
  result?: unknown;
  error?: string;
}

/** Time from spawning the production server to its first answer on /api/health. */
export async function coldStart(build: Build, dataDir: string): Promise<number> {
  const port = await freePort();
  const started = now();
  const child = spawn(process.execPath, [build.mainJs], {
    cwd: benchDir,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      WEB_BUILD_DIR: build.webDir,
    },
    stdio: 'ignore',
  });
  running.add(child);
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error('the server exited during its cold start');
      const ok = await fetch(`http://127.0.0.1:${port}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return now() - started;
      if (now() - started > 30_000) throw new Error('no health answer within 30 s');
      await sleep(2);
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => (child.exitCode !== null ? r(null) : child.once('exit', r)));
    running.delete(child);
  }
}
