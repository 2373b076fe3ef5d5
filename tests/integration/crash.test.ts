import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, startServerProcess } from './server-process.js';
import { connect, createWorkshop, eventually, join, send } from './harness.js';

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
    const first = await startServerProcess(dir, port);
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

    const second = await startServerProcess(dir, port);
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
