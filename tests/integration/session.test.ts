import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  connect,
  createWorkshop,
  eventually,
  join,
  send,
  startServer,
  type Live,
  type Running,
} from './harness.js';
import { welcomeRoster, type RosterPatch } from '@plenary/shared';

let running: Running;
const open: Live[] = [];
const track = (l: Live) => (open.push(l), l);

beforeEach(async () => {
  running = await startServer();
});
afterEach(async () => {
  for (const l of open.splice(0)) l.socket.close();
  await running.close();
});

async function roomOfThree() {
  const w = await createWorkshop(running.url, { template: 'victim-centred' });
  const a = await join(running.url, w.joinCode, 'Maria Santos', 'PH');
  const b = await join(running.url, w.joinCode, 'Dara Sok', 'KH');
  const facilitator = track(
    await connect(running.url, w.id, { kind: 'facilitator', key: w.facilitatorKey }),
  );
  const p1 = track(await connect(running.url, w.id, { kind: 'participant', token: a.token }));
  const p2 = track(await connect(running.url, w.id, { kind: 'participant', token: b.token }));
  return { w, a, b, facilitator, p1, p2 };
}

describe('a facilitator and two participants in one workshop', () => {
  it('all see the same agenda, current activity and timer', async () => {
    const { facilitator, p1, p2 } = await roomOfThree();
    const second = facilitator.session().modules[0]!.activities[1]!;
    const set = await send(facilitator, 'activity.setCurrent', { activityId: second.id });
    expect(set).toEqual({ ok: true });
    const started = await send(facilitator, 'timer.start', {});
    expect(started.ok).toBe(true);
    await eventually(() => {
      for (const who of [p1, p2]) {
        expect(who.session().currentActivityId).toBe(second.id);
        expect(who.session().timer.status).toBe('running');
      }
    });
    expect(p1.session().timer).toEqual(facilitator.session().timer);
    expect(p2.session().timer).toEqual(facilitator.session().timer);
    expect(p1.session().modules).toEqual(facilitator.session().modules);
    // The timer is the activity's planned length, ending in the future.
    const timer = p1.session().timer;
    expect(timer.status === 'running' && timer.durationMs).toBe(second.plannedMinutes * 60_000);
  });

  it('follows agenda edits live: add, rename, reorder and delete', async () => {
    const { facilitator, p1 } = await roomOfThree();
    const added = await send(facilitator, 'module.add', { title: 'Study visit', index: 0 });
    expect(added.ok).toBe(true);
    const moduleId = added.ok ? added.moduleId : '';
    const act = await send(facilitator, 'activity.add', {
      moduleId,
      title: 'Visit a shelter',
      kind: 'discussion',
      plannedMinutes: 90,
    });
    const activityId = act.ok ? act.activityId : '';
    await send(facilitator, 'module.update', { moduleId, title: 'Study visit to a shelter' });
    await eventually(() => {
      const first = p1.session().modules[0]!;
      expect(first.title).toBe('Study visit to a shelter');
      expect(first.activities.map((a) => [a.title, a.kind, a.plannedMinutes])).toEqual([
        ['Visit a shelter', 'discussion', 90],
      ]);
    });
    await send(facilitator, 'module.move', { moduleId, toIndex: 99 });
    await eventually(() => expect(p1.session().modules.at(-1)!.id).toBe(moduleId));
    await send(facilitator, 'activity.delete', { activityId });
    await eventually(() => expect(p1.session().modules.at(-1)!.activities).toEqual([]));
  });

  it('shows participants online, then away when they disconnect', async () => {
    const { facilitator, p1, a } = await roomOfThree();
    await eventually(() =>
      expect(facilitator.roster().get(a.participantId)?.presence).toBe('online'),
    );
    p1.socket.close();
    await eventually(() =>
      expect(facilitator.roster().get(a.participantId)?.presence).toBe('away'),
    );
  });

  it('lists a participant on the roster as soon as they join', async () => {
    const { w, facilitator } = await roomOfThree();
    const c = await join(running.url, w.joinCode, 'Nguyen Van An', 'VN');
    await eventually(() =>
      expect(facilitator.roster().get(c.participantId)?.name).toBe('Nguyen Van An'),
    );
  });
});

describe('roster changes are merged', () => {
  it('sends a burst of 40 joins to a screen as a few patches, each participant once and complete', async () => {
    const w = await createWorkshop(running.url, { template: 'victim-centred' });
    const facilitator = track(
      await connect(running.url, w.id, { kind: 'facilitator', key: w.facilitatorKey }),
    );
    const patches: RosterPatch[] = [];
    facilitator.socket.on('roster', (patch) => patches.push(patch));
    const joined = await Promise.all(
      Array.from({ length: 40 }, (_, i) => join(running.url, w.joinCode, `Invented Person ${i}`)),
    );
    await eventually(() => expect(facilitator.roster().size).toBe(40));
    for (const j of joined)
      expect(facilitator.roster().get(j.participantId)?.name).toMatch(/^Invented Person \d+$/);
    // One event per join would be 40; merged over 250 ms windows it is a handful.
    expect(patches.length).toBeLessThan(20);
    expect(Math.max(...patches.map((p) => p.upsert.length))).toBeGreaterThan(1);
    // Nobody is sent twice in one patch.
    for (const p of patches) expect(new Set(p.upsert.map((x) => x.id)).size).toBe(p.upsert.length);
  });

  it('welcomes each newcomer of a burst with a roster holding themselves and everyone before them', async () => {
    const w = await createWorkshop(running.url, { template: 'victim-centred' });
    const settled: string[] = [];
    await Promise.all(
      Array.from({ length: 25 }, async (_, i) => {
        const j = await join(running.url, w.joinCode, `Invented Newcomer ${i}`);
        const before = [...settled];
        const live = track(
          await connect(running.url, w.id, { kind: 'participant', token: j.token }),
        );
        settled.push(j.participantId);
        const ids = new Set((await welcomeRoster(live.welcome)).map((p) => p.id));
        expect(ids.has(j.participantId)).toBe(true);
        for (const id of before) expect(ids.has(id)).toBe(true);
      }),
    );
    // Later patches complete every screen.
    for (const l of open) await eventually(() => expect(l.roster().size).toBe(25));
    // The roster travels deflated: a fraction of its JSON.
    const last = open[open.length - 1]!.welcome;
    const json = JSON.stringify(await welcomeRoster(last));
    expect(last.roster.byteLength).toBeLessThan(json.length / 2);
  });

  it("shows participants others' names and countries only, and their own whole profile", async () => {
    const { w, a, facilitator, p1, p2 } = await roomOfThree();
    const c = await join(running.url, w.joinCode, 'Invented Latecomer', 'TH');
    // Welcome: p1 sees b's entry without organisation, and its own profile whole.
    const welcomed = await welcomeRoster(p1.welcome);
    const other = welcomed.find((p) => p.id !== a.participantId)!;
    expect(Object.keys(other).sort()).toEqual(['country', 'id', 'name', 'presence']);
    expect(welcomed.find((p) => p.id === a.participantId)).toMatchObject({
      organisation: 'Invented NGO',
      city: 'Cebu',
    });
    // Patches: the latecomer reaches p2 as an entry, the facilitator as a whole profile.
    await eventually(() =>
      expect(p2.roster().get(c.participantId)?.name).toBe('Invented Latecomer'),
    );
    expect(p2.roster().get(c.participantId)).not.toHaveProperty('organisation');
    await eventually(() =>
      expect(facilitator.roster().get(c.participantId)?.organisation).toBe('Invented NGO'),
    );
    // A participant's own change comes back to them whole, to others as an entry.
    expect(
      await send(p1, 'me.update', {
        name: 'Maria S.',
        country: 'PH',
        city: 'Davao',
        organisation: 'Invented Shelter',
        role: '',
      }),
    ).toMatchObject({ ok: true });
    await eventually(() => expect(p1.roster().get(a.participantId)?.city).toBe('Davao'));
    await eventually(() => expect(p2.roster().get(a.participantId)?.name).toBe('Maria S.'));
    expect(p2.roster().get(a.participantId)).not.toHaveProperty('city');
  });

  it('removal cancels a pending change of the same participant', async () => {
    const w = await createWorkshop(running.url, { template: 'victim-centred' });
    const facilitator = track(
      await connect(running.url, w.id, { kind: 'facilitator', key: w.facilitatorKey }),
    );
    const first = await join(running.url, w.joinCode, 'Early Person');
    await eventually(() => expect(facilitator.roster().has(first.participantId)).toBe(true));
    const patches: RosterPatch[] = [];
    facilitator.socket.on('roster', (patch) => patches.push(patch));
    // Within one window: a join, then its removal.
    const late = await join(running.url, w.joinCode, 'Late Person');
    expect(
      await send(facilitator, 'participant.remove', { participantId: late.participantId }),
    ).toEqual({ ok: true });
    await eventually(() =>
      expect(patches.some((p) => p.remove.includes(late.participantId))).toBe(true),
    );
    expect(facilitator.roster().has(late.participantId)).toBe(false);
    expect(facilitator.roster().has(first.participantId)).toBe(true);
  });
});

describe('facilitator-only commands', () => {
  it('refuses a participant with a code and changes nothing', async () => {
    const { facilitator, p1 } = await roomOfThree();
    const before = facilitator.session();
    for (const attempt of [
      send(p1, 'timer.start', {}),
      send(p1, 'activity.step', { direction: 'next' }),
      send(p1, 'module.add', { title: 'Mine' }),
      send(p1, 'participant.remove', { participantId: p1.welcome.participantId! }),
    ]) {
      expect(await attempt).toMatchObject({ ok: false, code: 'forbidden' });
    }
    const after = (await running.server.workshops.get(before.id))!.workshop;
    expect(after.timer).toEqual(before.timer);
    expect(after.modules).toEqual(before.modules);
    expect(after.participants).toHaveLength(2);
  });

  it('lets a participant correct their own details', async () => {
    const { facilitator, p1, a } = await roomOfThree();
    expect(await send(p1, 'me.update', { organisation: 'City social welfare office' })).toEqual({
      ok: true,
    });
    await eventually(() =>
      expect(facilitator.roster().get(a.participantId)?.organisation).toBe(
        'City social welfare office',
      ),
    );
  });
});

describe('commands', () => {
  it('applies a retried command once', async () => {
    const { facilitator } = await roomOfThree();
    const moduleId = facilitator.session().modules[0]!.id;
    const payload = {
      cmdId: 'retry-me-0001',
      moduleId,
      title: 'Icebreaker',
      kind: 'discussion' as const,
      plannedMinutes: 10,
    };
    const results = await Promise.all(
      [1, 2, 3, 4, 5].map(() => send(facilitator, 'activity.add', payload)),
    );
    expect(results.filter((r) => r.ok && !r.duplicate)).toHaveLength(1);
    expect(results.every((r) => r.ok)).toBe(true);
    const stored = (await running.server.workshops.get(facilitator.session().id))!.workshop;
    expect(stored.modules[0]!.activities.filter((x) => x.title === 'Icebreaker')).toHaveLength(1);
  });

  it('refuses bad input with a code naming the field, and changes nothing', async () => {
    const { facilitator } = await roomOfThree();
    const before = facilitator.session();
    const bad = await send(facilitator, 'activity.update', {
      activityId: before.modules[0]!.activities[0]!.id,
      plannedMinutes: -5,
    });
    expect(bad).toMatchObject({ ok: false, code: 'bad_request', field: 'plannedMinutes' });
    const noCmdId = await (
      facilitator.socket as unknown as { emitWithAck: (n: string, p: unknown) => Promise<unknown> }
    ).emitWithAck('timer.start', {});
    expect(noCmdId).toMatchObject({ ok: false, code: 'bad_request', field: 'cmdId' });
    const missing = await send(facilitator, 'activity.setCurrent', {
      activityId: 'no-such-activity',
    });
    expect(missing).toMatchObject({ ok: false, code: 'not_found' });
    expect((await running.server.workshops.get(before.id))!.workshop.modules).toEqual(
      before.modules,
    );
  });

  it('runs the timer through pause, resume, adjust and reset', async () => {
    const { facilitator, p1 } = await roomOfThree();
    await send(facilitator, 'timer.start', { durationMs: 60_000 });
    expect(await send(facilitator, 'timer.pause', {})).toEqual({ ok: true });
    expect(await send(facilitator, 'timer.pause', {})).toMatchObject({
      ok: false,
      code: 'conflict',
    });
    await send(facilitator, 'timer.adjust', { deltaMs: 60_000 });
    await eventually(() => {
      const t = p1.session().timer;
      expect(t.status).toBe('paused');
      expect(t.status === 'paused' && t.remainingMs).toBeGreaterThan(119_000);
    });
    await send(facilitator, 'timer.resume', {});
    await eventually(() => expect(p1.session().timer.status).toBe('running'));
    await send(facilitator, 'timer.reset', {});
    await eventually(() =>
      expect(p1.session().timer).toEqual({ status: 'idle', durationMs: 60_000 }),
    );
  });
});

describe('removing a participant', () => {
  it('disconnects them at once and their token stops working', async () => {
    const { w, a, facilitator, p1, p2 } = await roomOfThree();
    const disconnected = new Promise<void>((resolve) =>
      p1.socket.on('disconnect', () => resolve()),
    );
    expect(
      await send(facilitator, 'participant.remove', { participantId: a.participantId }),
    ).toEqual({ ok: true });
    await disconnected;
    expect(p1.ended()).toBe('removed');
    await eventually(() => expect(p2.roster().has(a.participantId)).toBe(false));
    await expect(
      connect(running.url, w.id, { kind: 'participant', token: a.token }),
    ).rejects.toThrow(/unauthorized/);
    const res = await fetch(`${running.url}/api/workshops/${w.id}`, {
      headers: { authorization: `Bearer ${a.token}` },
    });
    expect(res.status).toBe(403);
  });

  it('renames a participant for everyone', async () => {
    const { a, facilitator, p2 } = await roomOfThree();
    await send(facilitator, 'participant.rename', {
      participantId: a.participantId,
      name: 'Maria S.',
    });
    await eventually(() => expect(p2.roster().get(a.participantId)?.name).toBe('Maria S.'));
  });
});
