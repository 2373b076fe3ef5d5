import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { adopt, freePort } from './server.js';

/**
 * What Redis itself did during a phase: CPU time, bytes sent to the disk (its AOF), and calls
 * per command (`INFO commandstats`: e.g. how many compare-and-set scripts ran per vote).
 */
export interface RedisUsage {
  cpuMs: number;
  writeBytes: number;
  calls: Record<string, number>;
}

/** Second reading minus first. */
export function usageBetween(a: RedisUsage, b: RedisUsage): RedisUsage {
  const calls: Record<string, number> = {};
  for (const [name, n] of Object.entries(b.calls))
    if (n - (a.calls[name] ?? 0) > 0) calls[name] = n - (a.calls[name] ?? 0);
  return { cpuMs: b.cpuMs - a.cpuMs, writeBytes: b.writeBytes - a.writeBytes, calls };
}

export interface RedisProcess {
  url: string;
  pid: number;
  /** `always` unless BENCH_REDIS_APPENDFSYNC says otherwise (`everysec`, `no`). */
  appendfsync: string;
  /** CPU time and disk writes so far (subtract two readings for a phase). */
  usage(): Promise<RedisUsage>;
  /** Stops it (SIGTERM, SIGKILL after 10 s) and removes its folder. */
  stop(): Promise<void>;
}

/** Clock ticks per second of /proc/<pid>/stat (USER_HZ, 100 on Linux). */
const TICK_MS = 10;

/**
 * A real redis-server (Debian's package; `REDIS_SERVER` names another binary) on a free
 * loopback port, in a fresh folder under BENCH_TMP, configured as the README tells a
 * deployment to run it: append-only file fsynced on every write, no RDB snapshots
 * (BENCH_REDIS_APPENDFSYNC=everysec shows what the fsyncs cost). The same approach as
 * tests/integration/redis-process.ts (bench imports nothing from tests/). Under the harness's
 * killAll, so it goes when the harness does, whatever happens.
 */
export async function startRedis(): Promise<RedisProcess> {
  const dir = await mkdtemp(join(process.env.BENCH_TMP ?? tmpdir(), 'plenary-bench-redis-'));
  const port = await freePort();
  const args = ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', ''];
  const appendfsync = process.env.BENCH_REDIS_APPENDFSYNC ?? 'always';
  args.push('--appendonly', 'yes', '--appendfsync', appendfsync);
  const child = spawn(process.env.REDIS_SERVER ?? 'redis-server', args, {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  adopt(child);
  await new Promise<void>((ready, failed) => {
    let out = '';
    const onData = (d: Buffer) => {
      out = (out + d.toString()).slice(-10_000);
      if (out.includes('Ready to accept connections')) ready();
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('error', failed);
    child.once('exit', (code) => failed(new Error(`redis-server exited (${code}):\n${out}`)));
    setTimeout(() => failed(new Error(`redis-server did not start in 10 s:\n${out}`)), 10_000);
  }).catch(async (error: unknown) => {
    await stopChild(child);
    await rm(dir, { recursive: true, force: true });
    throw error;
  });
  // Keep draining its output, or a full pipe would block it.
  child.stdout!.resume();
  child.stderr!.resume();
  const pid = child.pid!;
  return {
    url: `redis://127.0.0.1:${port}`,
    pid,
    appendfsync,
    async usage() {
      // Fields after the command name (which may hold spaces): utime and stime are 14 and 15.
      const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const io = await readFile(`/proc/${pid}/io`, 'utf8');
      const calls: Record<string, number> = {};
      for (const m of (await info(port, 'commandstats')).matchAll(/^cmdstat_(\S+):calls=(\d+)/gm))
        calls[m[1]!] = Number(m[2]);
      return {
        cpuMs: (Number(fields[11]) + Number(fields[12])) * TICK_MS,
        writeBytes: Number(/^write_bytes: (\d+)/m.exec(io)?.[1] ?? 0),
        calls,
      };
    },
    async stop() {
      await stopChild(child);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** `INFO <section>` over a plain connection (an inline command; the answer is one bulk string). */
function info(port: number, section: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = createConnection(port, '127.0.0.1');
    let reply = Buffer.alloc(0);
    socket.on('data', (d: Buffer) => {
      reply = Buffer.concat([reply, d]);
      const header = reply.indexOf('\r\n');
      if (header < 0) return;
      const length = Number(reply.subarray(1, header).toString());
      if (reply.length < header + 2 + length) return;
      socket.end();
      resolve(reply.subarray(header + 2, header + 2 + length).toString());
    });
    socket.once('error', reject);
    socket.write(`INFO ${section}\r\n`);
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(killer);
}
