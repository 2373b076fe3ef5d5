import { fork, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { benchDir, tsxLoader } from '../paths.js';
import type { Ops } from './worker.js';

type OpName = keyof Ops;
type Args<K extends OpName> = Parameters<Ops[K]> extends [] ? object : Parameters<Ops[K]>[0];
type Out<K extends OpName> = Awaited<ReturnType<Ops[K]>>;

interface Reply {
  id: number;
  result?: unknown;
  error?: string;
}

const workers = new Set<ChildProcess>();

/** Kills every worker process still running. */
export function killWorkers(): void {
  for (const w of workers) if (w.exitCode === null) w.kill('SIGKILL');
  workers.clear();
}

/** Load-generating processes: each holds a share of the clients and answers typed calls. */
export class Pool {
  private nextId = 0;
  private readonly waiting = new Map<
    number,
    { ok: (v: unknown) => void; fail: (e: Error) => void }
  >();

  private constructor(private readonly procs: ChildProcess[]) {
    for (const p of procs) {
      p.on('message', (m: Reply) => {
        const w = this.waiting.get(m.id);
        if (!w) return;
        this.waiting.delete(m.id);
        if (m.error !== undefined) w.fail(new Error(m.error));
        else w.ok(m.result);
      });
      p.once('exit', (code, signal) => {
        workers.delete(p);
        if (code === 0 || signal === 'SIGTERM') return;
        for (const w of this.waiting.values())
          w.fail(new Error(`a worker died (${code ?? signal})`));
        this.waiting.clear();
      });
    }
  }

  static async start(size: number): Promise<Pool> {
    const procs = Array.from({ length: size }, (_, i) => {
      const p = fork(resolve(benchDir, 'src/workers/worker.ts'), [String(i)], {
        cwd: benchDir,
        execArgv: ['--import', tsxLoader, '--max-old-space-size=4096'],
        serialization: 'advanced',
        stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
      });
      workers.add(p);
      return p;
    });
    const pool = new Pool(procs);
    await pool.all('ping', () => ({}));
    return pool;
  }

  get size(): number {
    return this.procs.length;
  }

  call<K extends OpName>(worker: number, op: K, args: Args<K>): Promise<Out<K>> {
    const id = ++this.nextId;
    return new Promise<Out<K>>((ok, fail) => {
      this.waiting.set(id, { ok: ok as (v: unknown) => void, fail });
      this.procs[worker]!.send({ id, op, args });
    });
  }

  /** The same op on every worker, with arguments per worker. */
  all<K extends OpName>(op: K, args: (worker: number) => Args<K>): Promise<Out<K>[]> {
    return Promise.all(this.procs.map((_, i) => this.call(i, op, args(i))));
  }

  async close(): Promise<void> {
    await Promise.all(
      this.procs.map(
        (p) =>
          new Promise<void>((r) => {
            if (p.exitCode !== null) return r();
            p.once('exit', () => r());
            p.kill('SIGTERM');
          }),
      ),
    );
  }
}
