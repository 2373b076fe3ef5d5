import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connect, createWorkshop, join, type Live } from '../integration/harness.js';
import { freePort, startServerProcess, type ServerProcess } from '../integration/server-process.js';
import { keepAlive, rawUpgrade, until } from '../integration/raw-upgrade.js';

let dir = '';
let child: ServerProcess | undefined;
afterEach(async () => {
  child?.kill('SIGKILL');
  child = undefined;
  if (dir) await rm(dir, { recursive: true, force: true });
});

const descriptors = async (pid: number) => (await readdir(`/proc/${pid}/fd`)).length;

async function start() {
  dir = await mkdtemp(joinPath(tmpdir(), 'plenary-sockets-'));
  const port = await freePort();
  child = await startServerProcess(dir, port, { WORKSHOPS_PER_MINUTE: '1000' });
  return `http://127.0.0.1:${port}`;
}

describe('sockets nobody serves', () => {
  it('leave no descriptor behind after 300 upgrades to unknown paths, half of whose clients leave at once', async () => {
    const url = await start();
    await (await fetch(`${url}/api/health`)).arrayBuffer();
    const baseline = await descriptors(child!.pid!);
    for (let round = 0; round < 3; round++) {
      const upgrades = await Promise.all(
        Array.from({ length: 100 }, (_, i) => rawUpgrade(url, `/probe/${round}/${i}`)),
      );
      upgrades.forEach((u, i) => i % 2 === 0 && u.socket.end());
      await Promise.all(upgrades.map((u) => u.closed));
    }
    // Loopback: the server's side closes with the client's, at once, once it is answered.
    await until(async () => (await descriptors(child!.pid!)) <= baseline + 2, true);
  });
});

describe('SIGTERM with every kind of socket open', () => {
  it('ends the process, closes every socket and releases the data folder', async () => {
    const url = await start();
    const w = await createWorkshop(url);
    const lives: Live[] = [];
    for (let i = 0; i < 30; i++) {
      const p = await join(url, w.joinCode);
      lives.push(await connect(url, w.id, { kind: 'participant', token: p.token }));
    }
    const held = await Promise.all([
      ...Array.from({ length: 30 }, () => rawUpgrade(url, '/socket.io/?EIO=4&transport=websocket')),
      ...Array.from({ length: 30 }, () => keepAlive(url)),
      ...Array.from({ length: 30 }, () => rawUpgrade(url, '/nowhere')),
      ...Array.from({ length: 30 }, () => rawUpgrade(url, `/yjs/${w.id}/none?kind=screen`)),
    ]);
    for (const h of held.slice(90)) h.socket.end();
    const exited = new Promise<number | null>((resolve) => child!.once('exit', resolve));
    child!.kill('SIGTERM');
    expect(await exited).toBe(0);
    child = undefined;
    expect(existsSync(joinPath(dir, 'plenary.lock'))).toBe(false);
    await Promise.all(held.map((h) => h.closed));
    for (const l of lives) l.socket.close();
  });
});
