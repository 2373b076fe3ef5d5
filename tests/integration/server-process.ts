import { spawn, type ChildProcess } from 'node:child_process';
import { createServer as createNetServer } from 'node:net';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const serverDir = resolve(fileURLToPath(import.meta.url), '../../../server');

/** A port free now, so that a restarted server comes back where its clients look for it. */
export async function freePort(): Promise<number> {
  const srv = createNetServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as { port: number };
  await new Promise((r) => srv.close(r));
  return port;
}

export type ServerProcess = ChildProcess & {
  /** Everything the server printed (stdout and stderr) so far. */
  output(): string;
};

/** The real server in its own process (TypeScript through tsx), so that it can be killed with -9. */
export async function startServerProcess(
  dataDir: string,
  port: number,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let all = '';
  child.stdout!.on('data', (d: Buffer) => (all += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (all += d.toString()));
  await new Promise<void>((started, failed) => {
    child.stdout!.on('data', () => all.includes('listening on') && started());
    child.once('exit', (code) => failed(new Error(`server exited (${code}): ${all}`)));
  });
  return Object.assign(child, { output: () => all });
}
