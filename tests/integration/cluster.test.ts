import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { itemsOf, newItem, readItem } from '@plenary/shared/docs';
import type { PollResults } from '@plenary/shared';
import { connect, createWorkshop, eventually, join, send, type Live } from './harness.js';
import { openDoc, synced, type DocClient } from './docs-harness.js';
import { freePort, startServerProcess, type ServerProcess } from './server-process.js';
import { startRedis, type RedisProcess } from './redis-process.js';

let redis: RedisProcess;
let dir: string;
let servers: ServerProcess[] = [];
const lives: Live[] = [];
const docs: DocClient[] = [];

beforeAll(async () => {
  redis = await startRedis();
  dir = await mkdtemp(joinPath(tmpdir(), 'plenary-cluster-'));
});
afterAll(async () => {
  await redis.stop();
  await rm(dir, { recursive: true, force: true });
});
afterEach(async () => {
  for (const d of docs.splice(0)) d.destroy();
  for (const l of lives.splice(0)) l.socket.close();
  for (const s of servers.splice(0)) s.kill('SIGKILL');
});

/** Two server processes on one Redis, each on its own port (as behind a load balancer). */
async function twoProcesses() {
  const ports = [await freePort(), await freePort()];
  servers = await Promise.all(
    ports.map((port, i) =>
      startServerProcess(joinPath(dir, `p${i}`), port, { REDIS_URL: redis.url }),
    ),
  );
  return ports.map((p) => `http://127.0.0.1:${p}`) as [string, string];
}

const track = (l: Live) => (lives.push(l), l);
const texts = (d: DocClient) =>
  itemsOf(d.doc)
    .toArray()
    .map((m) => readItem(m).text)
    .sort();

describe('two server processes on Redis', () => {
  it('share roster, votes and document edits between people connected to different processes', async () => {
    const [a, b] = await twoProcesses();
    const w = await createWorkshop(a, { template: 'blank' });
    const facilitator = track(
      await connect(a, w.id, { kind: 'facilitator', key: w.facilitatorKey }),
    );
    const results: PollResults[] = [];
    facilitator.socket.on('poll.results', (r) => results.push(r));

    // Twenty people, half joining and connecting through each process.
    const people = await Promise.all(
      Array.from({ length: 20 }, async (_, i) => {
        const base = i % 2 ? b : a;
        const p = await join(base, w.joinCode, `Invented Person ${i}`, 'PH');
        return {
          p,
          base,
          live: track(await connect(base, w.id, { kind: 'participant', token: p.token })),
        };
      }),
    );
    await eventually(() => expect(facilitator.roster().size).toBe(20));
    // A screen that connects later, to A, sees the people connected to B as online too.
    const connectedToB = people.filter((x) => x.base === b).map((x) => x.p.participantId);
    let seenOnline = 0;
    for (let i = 0; i < 10 && seenOnline < connectedToB.length; i++) {
      await new Promise((r) => setTimeout(r, 300));
      const late = await connect(a, w.id, { kind: 'facilitator', key: w.facilitatorKey });
      seenOnline = connectedToB.filter((id) => late.roster().get(id)?.presence === 'online').length;
      late.socket.close();
    }
    expect(seenOnline).toBe(connectedToB.length);
    // Someone on B sees a name change made on A.
    await send(facilitator, 'participant.rename', {
      participantId: people[0]!.p.participantId,
      name: 'Invented Renamed',
    });
    await eventually(() =>
      expect(people[1]!.live.roster().get(people[0]!.p.participantId)?.name).toBe(
        'Invented Renamed',
      ),
    );

    const created = await send(facilitator, 'poll.create', {
      kind: 'single',
      question: 'Which service is missing?',
      options: [{ label: 'Shelter' }, { label: 'Hotline' }],
    });
    if (!created.ok) throw new Error(created.message);
    const pollId = created.pollId;
    await send(facilitator, 'poll.setState', { pollId, state: 'open' });
    const fresh = track(await connect(a, w.id, { kind: 'facilitator', key: w.facilitatorKey }));
    const optionIds = fresh.welcome.polls[0]!.options.map((o) => o.id);
    // Everyone votes at once, each twice through both processes (a retry and a second tab).
    const acks = await Promise.all(
      people.flatMap(({ live, p, base }, i) => {
        const other = track2(base === a ? b : a, w.id, p.token);
        const answer = { kind: 'single' as const, optionId: optionIds[i % 2]! };
        return [
          send(live, 'vote.cast', { pollId, answer }),
          other.then((o) => send(o, 'vote.cast', { pollId, answer })),
        ];
      }),
    );
    expect(acks.every((x) => x.ok)).toBe(true);
    await eventually(() =>
      expect(results.filter((r) => r.pollId === pollId).at(-1)?.voters).toBe(20),
    );

    // Co-editing: two members of one group, on different processes, see each other's edits.
    const made = await send(facilitator, 'group.create', { name: 'Mixed' });
    if (!made.ok) throw new Error(made.message);
    const groupId = made.groupId;
    for (const x of people.slice(0, 2))
      await send(facilitator, 'group.assign', { participantId: x.p.participantId, groupId });
    await send(facilitator, 'exercise.launch', { title: 'Checklist', kind: 'checklist' });
    await eventually(() => expect(facilitator.session().artifacts).toHaveLength(1));
    const artifactId = facilitator.session().artifacts[0]!.id;
    const onA = openDoc(a, w.id, artifactId, { kind: 'participant', token: people[0]!.p.token });
    const onB = openDoc(b, w.id, artifactId, { kind: 'participant', token: people[1]!.p.token });
    docs.push(onA, onB);
    await Promise.all([synced(onA), synced(onB)]);
    itemsOf(onA.doc).push([newItem({ id: 'x', text: 'Typed on A' })]);
    itemsOf(onB.doc).push([newItem({ id: 'y', text: 'Typed on B' })]);
    await eventually(() => {
      expect(texts(onA)).toEqual(['Typed on A', 'Typed on B']);
      expect(texts(onB)).toEqual(['Typed on A', 'Typed on B']);
    });
    // Each is told that everything it sees is stored, including the other process's edit.
    await eventually(() => expect(onA.allSaved() && onB.allSaved()).toBe(true), 3000);

    // Moving a member out of the group on A closes their document on B.
    await send(facilitator, 'group.assign', {
      participantId: people[1]!.p.participantId,
      groupId: null,
    });
    await eventually(() => expect(onB.closed.map((c) => c.code)).toContain(4403));
  }, 60_000);

  it('loses nothing acknowledged when one process dies, and keeps working through a Redis restart', async () => {
    const [a, b] = await twoProcesses();
    const w = await createWorkshop(a, { template: 'blank' });
    const facilitatorA = track(
      await connect(a, w.id, { kind: 'facilitator', key: w.facilitatorKey }),
    );
    const acked: string[] = [];
    // Fewer than the agenda's 40 modules, so the command after the Redis restart still fits.
    const inFlight = Array.from({ length: 36 }, (_, i) =>
      send(facilitatorA, 'module.add', { title: `Module ${i}` })
        .then((r) => r.ok && acked.push(`Module ${i}`))
        .catch(() => undefined),
    );
    await eventually(() => expect(acked.length).toBeGreaterThanOrEqual(10), 5000);
    servers[0]!.kill('SIGKILL');
    const ackedAtKill = [...acked];
    await Promise.race([Promise.all(inFlight), new Promise((r) => setTimeout(r, 1000))]);

    // The facilitator reconnects through the other process: everything acknowledged is there.
    const onB = track(await connect(b, w.id, { kind: 'facilitator', key: w.facilitatorKey }));
    const titles = new Set(onB.session().modules.map((m) => m.title));
    for (const t of ackedAtKill) expect(titles.has(t)).toBe(true);

    // Redis restarts (its append-only file on): B carries on once it is back.
    await redis.restart();
    let after = await send(onB, 'module.add', { title: 'After the restart' }).catch(() => null);
    for (let i = 0; i < 50 && !after?.ok; i++) {
      await new Promise((r) => setTimeout(r, 200));
      after = await send(onB, 'module.add', { title: 'After the restart' }).catch(() => null);
    }
    expect(after?.ok).toBe(true);
    const again = track(await connect(b, w.id, { kind: 'facilitator', key: w.facilitatorKey }));
    expect(again.session().modules.map((m) => m.title)).toContain('After the restart');
    for (const t of ackedAtKill) expect(again.session().modules.map((m) => m.title)).toContain(t);
  }, 60_000);
});

async function track2(base: string, workshopId: string, token: string) {
  return track(await connect(base, workshopId, { kind: 'participant', token }));
}
