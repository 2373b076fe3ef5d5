import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, LowdbStore } from '@plenary/server';
import { connect, createWorkshop, eventually, join, send, startServer } from './harness.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(joinPath(tmpdir(), 'plenary-persist-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('the lowdb store', () => {
  it('keeps every acknowledged change across a restart, and clients reconnect by themselves', async () => {
    const first = await startServer(await LowdbStore.open(dir));
    const port = new URL(first.url).port;
    const w = await createWorkshop(first.url, { template: 'victim-centred' });
    const p = await join(first.url, w.joinCode, 'Siti Rahma', 'ID');
    const facilitator = await connect(first.url, w.id, {
      kind: 'facilitator',
      key: w.facilitatorKey,
    });
    const participant = await connect(first.url, w.id, { kind: 'participant', token: p.token });
    await send(facilitator, 'activity.step', { direction: 'next' });
    await send(facilitator, 'activity.step', { direction: 'next' });
    await send(facilitator, 'timer.start', { durationMs: 600_000 });
    const before = facilitator.session();
    await first.close();

    // Same folder, same port: the clients' own reconnection finds the new process.
    const { createServer } = await import('@plenary/server');
    const second = createServer({ store: await LowdbStore.open(dir), version: 'test' });
    await second.listen(Number(port), '127.0.0.1');
    try {
      const welcomed = new Promise((resolve) => participant.socket.once('welcome', resolve));
      await welcomed;
      expect(participant.session()).toEqual(before);
      const stored = (await second.workshops.get(w.id))!.workshop;
      expect(stored.participants.map((x) => x.name)).toEqual(['Siti Rahma']);
      expect(stored.currentActivityId).toBe(before.currentActivityId);
      await eventually(() =>
        expect(facilitator.roster().get(p.participantId)?.presence).toBe('online'),
      );
    } finally {
      facilitator.socket.close();
      participant.socket.close();
      await second.close();
    }
  });

  it('stores no facilitator key or participant token, only their hashes', async () => {
    const running = await startServer(await LowdbStore.open(dir));
    const w = await createWorkshop(running.url);
    const p = await join(running.url, w.joinCode);
    await running.close();
    const file = await readFile(joinPath(dir, 'workshops.json'), 'utf8');
    expect(file).toContain(w.id);
    expect(file).not.toContain(w.facilitatorKey);
    expect(file).not.toContain(p.token.split('.')[1]);
  });

  it('leaves nothing of a deleted workshop in the data file', async () => {
    const running = await startServer(await LowdbStore.open(dir));
    const w = await createWorkshop(running.url, { title: 'Workshop to forget' });
    await join(running.url, w.joinCode, 'Invented Name');
    await fetch(`${running.url}/api/workshops/${w.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${w.facilitatorKey}` },
    });
    await running.close();
    const file = await readFile(joinPath(dir, 'workshops.json'), 'utf8');
    expect(file).not.toContain('Workshop to forget');
    expect(file).not.toContain('Invented Name');
  });

  it('refuses a second server on the same data folder', async () => {
    const store = await LowdbStore.open(dir);
    await expect(LowdbStore.open(dir)).rejects.toBeInstanceOf(DataDirLockedError);
    await store.close();
    const again = await LowdbStore.open(dir);
    await again.close();
  });

  it('acknowledges a burst of concurrent commands and keeps every one of them', async () => {
    const running = await startServer(await LowdbStore.open(dir));
    const w = await createWorkshop(running.url);
    const facilitator = await connect(running.url, w.id, {
      kind: 'facilitator',
      key: w.facilitatorKey,
    });
    const added = await send(facilitator, 'module.add', { title: 'Burst' });
    const moduleId = added.ok ? added.moduleId : '';
    const acks = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        send(facilitator, 'activity.add', { moduleId, title: `Item ${i}`, plannedMinutes: i }),
      ),
    );
    expect(acks.every((a) => a.ok)).toBe(true);
    facilitator.socket.close();
    await running.close();
    const reopened = await LowdbStore.open(dir);
    const stored = await reopened.load(w.id);
    expect(stored!.workshop.modules[0]!.activities).toHaveLength(30);
    await reopened.close();
  });
});
