import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { connect, createWorkshop } from './harness.js';
import { freePort, startServerProcess, type ServerProcess } from './server-process.js';
import { keepAlive, rawUpgrade, until } from './raw-upgrade.js';

let dir = '';
let child: ServerProcess | undefined;
afterEach(async () => {
  child?.kill('SIGKILL');
  child = undefined;
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('SIGTERM', () => {
  it('ends the process and releases the data folder while clients hold every kind of socket', async () => {
    dir = await mkdtemp(join(tmpdir(), 'plenary-shutdown-'));
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    child = await startServerProcess(dir, port);
    const w = await createWorkshop(url);
    const facilitator = await connect(url, w.id, { kind: 'facilitator', key: w.facilitatorKey });
    const silent = await rawUpgrade(url, '/socket.io/?EIO=4&transport=websocket');
    await until(() => silent.received().startsWith('HTTP/1.1 101'), true);
    const idle = await keepAlive(url);
    const elsewhere = await rawUpgrade(url, '/nowhere');
    const left = await rawUpgrade(url, '/nowhere/either');
    left.socket.end();
    expect(existsSync(join(dir, 'plenary.lock'))).toBe(true);

    const exited = new Promise<number | null>((resolve) => child!.once('exit', resolve));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    child = undefined;
    expect(existsSync(join(dir, 'plenary.lock'))).toBe(false);
    await Promise.all([silent.closed, idle.closed, elsewhere.closed]);
    facilitator.socket.close();
  });
});
