import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join as joinPath, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { connect, createWorkshop, eventually, join, send } from './harness.js';

const serverDir = resolve(fileURLToPath(import.meta.url), '../../../server');

async function freePort(): Promise<number> {
  const srv = createNetServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const { port } = srv.address() as { port: number };
  await new Promise((r) => srv.close(r));
  return port;
}

/** The real server in its own process (TypeScript through tsx), so that it can be killed with -9. */
async function startProcess(dataDir: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: serverDir,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      HOST: '127.0.0.1',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolveStart, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('listening on')) resolveStart();
    });
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${out}`)));
  });
  return child;
}

const children: ChildProcess[] = [];
let dir = '';
afterEach(async () => {
  for (const c of children.splice(0)) c.kill('SIGKILL');
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('a server killed with -9', () => {
  it('loses no acknowledged command, and its clients come back by themselves', async () => {
    dir = await mkdtemp(joinPath(tmpdir(), 'plenary-crash-'));
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const first = await startProcess(dir, port);
    children.push(first);

    const w = await createWorkshop(url, { template: 'blank' });
    const p = await join(url, w.joinCode, 'Lakshmi Perera', 'LK');
    const facilitator = await connect(url, w.id, { kind: 'facilitator', key: w.facilitatorKey });
    const participant = await connect(url, w.id, { kind: 'participant', token: p.token });
    const added = await send(facilitator, 'module.add', { title: 'Crash day' });
    const moduleId = added.ok ? added.moduleId : '';

    // A stream of commands; the process is killed while they are in flight.
    const acked: string[] = [];
    const inFlight = Array.from({ length: 200 }, (_, i) =>
      send(facilitator, 'activity.add', { moduleId, title: `Item ${i}`, plannedMinutes: 5 })
        .then((ack) => ack.ok && acked.push(`Item ${i}`))
        .catch(() => undefined),
    );
    await eventually(() => expect(acked.length).toBeGreaterThanOrEqual(20), 5000);
    first.kill('SIGKILL');
    const ackedAtKill = [...acked];
    await new Promise((r) => first.once('exit', r));

    const second = await startProcess(dir, port);
    children.push(second);
    await eventually(() => expect(participant.socket.connected).toBe(true), 5000);
    const res = await fetch(`${url}/api/workshops/${w.id}`, {
      headers: { authorization: `Bearer ${w.facilitatorKey}` },
    });
    const view = (await res.json()) as {
      modules: Array<{ activities: Array<{ title: string }> }>;
      participants: Array<{ name: string }>;
    };
    const titles = new Set(view.modules[0]!.activities.map((a) => a.title));
    for (const title of ackedAtKill) expect(titles.has(title)).toBe(true);
    expect(view.participants.map((x) => x.name)).toEqual(['Lakshmi Perera']);
    // The participant's reconnected session shows the same agenda the server has.
    await eventually(
      () => expect(participant.session().modules[0]!.activities.length).toBe(titles.size),
      5000,
    );

    facilitator.socket.close();
    participant.socket.close();
    await Promise.race([Promise.all(inFlight), new Promise((r) => setTimeout(r, 100))]);
  }, 30_000);
});
