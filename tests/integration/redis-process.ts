import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './server-process.js';

export interface RedisProcess {
  url: string;
  port: number;
  dir: string;
  child: ChildProcess;
  /** Stops it (SIGTERM: it writes its append-only file) and starts it again on the same port. */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A real redis-server (Debian's package) on a free loopback port, with its append-only file
 * fsynced on every write, in a fresh directory. No mock: the multi-process tests run on it.
 */
export async function startRedis(): Promise<RedisProcess> {
  const dir = await mkdtemp(join(tmpdir(), 'plenary-redis-'));
  const port = await freePort();
  const launch = () =>
    new Promise<ChildProcess>((resolve, reject) => {
      const child = spawn(
        process.env.REDIS_SERVER ?? 'redis-server',
        [
          '--port',
          String(port),
          '--bind',
          '127.0.0.1',
          '--dir',
          dir,
          '--save',
          '',
          '--appendonly',
          'yes',
          '--appendfsync',
          'always',
        ],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      let out = '';
      child.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('Ready to accept connections')) resolve(child);
      });
      child.once('error', reject);
      child.once('exit', (code) => reject(new Error(`redis-server exited (${code}): ${out}`)));
    });
  const proc: RedisProcess = {
    url: `redis://127.0.0.1:${port}`,
    port,
    dir,
    child: await launch(),
    async restart() {
      await stopChild(proc.child);
      proc.child = await launch();
    },
    async stop() {
      await stopChild(proc.child);
      await rm(dir, { recursive: true, force: true });
    },
  };
  return proc;
}

async function stopChild(child: ChildProcess) {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}
