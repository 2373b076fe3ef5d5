import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { itemsOf, newItem, readItem } from '@plenary/shared/docs';
import { decodeWelcome, type PollResults } from '@plenary/shared';
import { startHaproxy, type Haproxy } from '../../scripts/haproxy.mjs';
import { connect, createWorkshop, eventually, join, newCmdId, send, type Live } from './harness.js';
import { openDoc, synced, type DocClient } from './docs-harness.js';
import { freePort, startServerProcess, type ServerProcess } from './server-process.js';
import { startRedis, type RedisProcess } from './redis-process.js';

let redis: RedisProcess | undefined;
let balancer: Haproxy | undefined;
let dir: string | undefined;
let servers: ServerProcess[] = [];
const lives: Live[] = [];
const docs: DocClient[] = [];

afterEach(async () => {
  for (const d of docs.splice(0)) d.destroy();
  for (const l of lives.splice(0)) l.socket.close();
  for (const s of servers.splice(0)) s.kill('SIGKILL');
  await balancer?.stop();
  await redis?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

/** Two server processes on one Redis, behind HAProxy: clients know only the balancer. */
async function balanced(): Promise<string> {
  redis = await startRedis();
  dir = await mkdtemp(joinPath(tmpdir(), 'plenary-failover-'));
  const ports = [await freePort(), await freePort()];
  servers = await Promise.all(
    ports.map((port, i) =>
      startServerProcess(joinPath(dir!, `p${i}`), port, { REDIS_URL: redis!.url }),
    ),
  );
  balancer = await startHaproxy({
    port: await freePort(),
    backends: ports.map((p) => `127.0.0.1:${p}`),
    checkMs: 250,
  });
  return balancer.url;
}

/**
 * How long a state may take to arrive: each wait ends as soon as it holds. Generous: with two
 * processes, Redis and HAProxy on two cores, the test failed once at load 20 (every test file at
 * once beside an end-to-end run) when these waits had 10 s, and passed alone and at load 8.
 */
const SETTLE_MS = 30_000;

const track = (l: Live) => (lives.push(l), l);
const texts = (d: DocClient) =>
  itemsOf(d.doc)
    .toArray()
    .map((m) => readItem(m).text)
    .sort();

/** Sends a vote until it is acknowledged, with one command id, as the browser's outbox does. */
async function voteUntilAcked(live: Live, pollId: string, optionId: string): Promise<void> {
  const cmdId = newCmdId();
  for (;;) {
    const ack = await live.socket
      .timeout(2000)
      .emitWithAck('vote.cast', { cmdId, pollId, answer: { kind: 'single', optionId } })
      .catch(() => undefined);
    if (ack?.ok) return;
    if (ack && !ack.ok) throw new Error(`vote refused: ${ack.code}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('failover through HAProxy', () => {
  it('brings the people of a killed process back through the other, losing no acknowledged vote or edit', async () => {
    const lb = await balanced();
    const w = await createWorkshop(lb, { template: 'blank' });
    const facilitator = track(
      await connect(lb, w.id, { kind: 'facilitator', key: w.facilitatorKey }),
    );
    // The tallies the facilitator's screen shows: each one sent, and those of every welcome. A
    // facilitator whose process is killed is welcomed again by the other, with the tally as it
    // is then: when every vote was counted before that, no later tally is sent, and the welcome
    // is where the screen reads the last of them (as the browser's connection does).
    const results: PollResults[] = [];
    facilitator.socket.on('poll.results', (r) => results.push(r));
    facilitator.socket.on('welcome', (wire) => results.push(...decodeWelcome(wire).results));
    // Everyone joins, then connects: the balancer spreads the connections over both processes.
    const joined = [];
    for (let i = 0; i < 12; i++)
      joined.push(await join(lb, w.joinCode, `Invented Person ${i}`, 'PH'));
    const people: Array<{ p: (typeof joined)[number]; live: Live }> = [];
    for (const p of joined)
      people.push({
        p,
        live: track(await connect(lb, w.id, { kind: 'participant', token: p.token })),
      });
    const dropped = new Set<number>();
    people.forEach(({ live }, i) => live.socket.on('disconnect', () => dropped.add(i)));

    // Four of them co-edit a checklist, each through the balancer.
    const made = await send(facilitator, 'group.create', { name: 'Shelter team' });
    if (!made.ok) throw new Error(made.message);
    const editors = people.slice(0, 4);
    for (const { p } of editors)
      await send(facilitator, 'group.assign', {
        participantId: p.participantId,
        groupId: made.groupId,
      });
    await send(facilitator, 'exercise.launch', { title: 'Checklist', kind: 'checklist' });
    await eventually(() => expect(facilitator.session().artifacts).toHaveLength(1));
    const artifactId = facilitator.session().artifacts[0]!.id;
    const editorDocs = editors.map(({ p }) =>
      openDoc(lb, w.id, artifactId, { kind: 'participant', token: p.token }),
    );
    docs.push(...editorDocs);
    await Promise.all(editorDocs.map(synced));

    const created = await send(facilitator, 'poll.create', {
      kind: 'single',
      question: 'Which service is missing?',
      options: [{ label: 'Shelter' }, { label: 'Hotline' }],
    });
    if (!created.ok) throw new Error(created.message);
    const pollId = created.pollId;
    await send(facilitator, 'poll.setState', { pollId, state: 'open' });
    const screen = track(await connect(lb, w.id, { kind: 'facilitator', key: w.facilitatorKey }));
    const optionIds = screen.welcome.polls[0]!.options.map((o) => o.id);

    // Votes and edits go on while one process is killed.
    const edits = 10;
    const editing = editorDocs.map(async (d, k) => {
      for (let n = 0; n < edits; n++) {
        itemsOf(d.doc).push([newItem({ id: `e${k}-${n}`, text: `Edit ${k}.${n}` })]);
        await new Promise((r) => setTimeout(r, 30));
      }
    });
    const acked = new Set<number>();
    const voting = people.map(async ({ live }, i) => {
      await new Promise((r) => setTimeout(r, i * 20));
      await voteUntilAcked(live, pollId, optionIds[i % 2]!);
      acked.add(i);
    });
    await eventually(() => expect(acked.size).toBeGreaterThanOrEqual(4), SETTLE_MS);
    servers[0]!.kill('SIGKILL');
    await Promise.all([...voting, ...editing]);

    // The balancer spread people over both processes: some lost theirs, and came back.
    expect(dropped.size).toBeGreaterThan(0);
    await eventually(
      () => expect(people.every(({ live }) => live.socket.connected)).toBe(true),
      SETTLE_MS,
    );

    // Every vote is counted once, and every voter's own screen shows it.
    await eventually(
      () => expect(results.filter((r) => r.pollId === pollId).at(-1)?.voters).toBe(12),
      SETTLE_MS,
    );
    for (const { p } of people) {
      const again = track(await connect(lb, w.id, { kind: 'participant', token: p.token }));
      expect(again.welcome.myAnswers[pollId]).toBeDefined();
    }

    // Every edit reaches every editor and is reported stored; a newcomer finds them all.
    const all = editors.flatMap((_, k) =>
      Array.from({ length: edits }, (_, n) => `Edit ${k}.${n}`),
    );
    await eventually(() => {
      for (const d of editorDocs) expect(texts(d)).toEqual([...all].sort());
      expect(editorDocs.every((d) => d.allSaved())).toBe(true);
    }, SETTLE_MS);
    const newcomer = openDoc(lb, w.id, artifactId, {
      kind: 'facilitator',
      key: w.facilitatorKey,
    });
    docs.push(newcomer);
    await synced(newcomer);
    expect(texts(newcomer)).toEqual([...all].sort());
  }, 240_000);
});
