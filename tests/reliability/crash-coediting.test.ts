import type { ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { FileDocStore } from '@plenary/server';
import { itemsOf, newItem, readItem } from '@plenary/shared/docs';
import {
  connect,
  createWorkshop,
  eventually,
  join,
  send,
  type Live,
} from '../integration/harness.js';
import { openDoc, synced, type DocClient } from '../integration/docs-harness.js';
import { freePort, startServerProcess } from '../integration/server-process.js';

const children: ChildProcess[] = [];
const lives: Live[] = [];
const docs: DocClient[] = [];
let dir = '';
afterEach(async () => {
  for (const d of docs.splice(0)) d.destroy();
  for (const l of lives.splice(0)) l.socket.close();
  for (const c of children.splice(0)) c.kill('SIGKILL');
  if (dir) await rm(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const texts = (doc: Y.Doc) =>
  itemsOf(doc)
    .toArray()
    .map((m) => readItem(m).text);
const ownClock = (doc: Y.Doc) =>
  Y.decodeStateVector(Y.encodeStateVector(doc)).get(doc.clientID) ?? 0;

describe('a server killed with -9 while 50 people vote and co-edit', () => {
  it('keeps every acknowledged vote and every edit reported saved; clients converge by themselves', async () => {
    dir = await mkdtemp(joinPath(tmpdir(), 'plenary-crash-docs-'));
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const first = await startServerProcess(dir, port);
    children.push(first);

    const w = await createWorkshop(url, { template: 'blank' });
    const countries = ['PH', 'TH', 'VN', 'KH', 'ID'];
    const joined = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        join(url, w.joinCode, `Invented Person ${i}`, countries[i % countries.length]),
      ),
    );
    const facilitator = await connect(url, w.id, { kind: 'facilitator', key: w.facilitatorKey });
    lives.push(facilitator);
    const created = await send(facilitator, 'poll.create', {
      kind: 'single',
      question: 'Which pillar first?',
      options: ['Prevention', 'Protection', 'Prosecution'].map((label) => ({ label })),
    });
    if (!created.ok) throw new Error(created.message);
    const pollId = created.pollId;
    expect(await send(facilitator, 'poll.setState', { pollId, state: 'open' })).toEqual({
      ok: true,
    });
    expect(await send(facilitator, 'group.auto', { mode: 'random', size: 5 })).toEqual({
      ok: true,
    });
    const launched = await send(facilitator, 'exercise.launch', {
      title: 'Referral checklist',
      kind: 'checklist',
      template: null,
    });
    expect(launched.ok).toBe(true);
    await eventually(() => expect(facilitator.session().artifacts.length).toBe(10));
    const session = facilitator.session();
    const artifactOf = (participantId: string) => {
      const group = session.groups.find((g) => g.memberIds.includes(participantId))!;
      return session.artifacts.find((a) => a.groupId === group.id)!.id;
    };

    const people = await Promise.all(
      joined.map(async (p) => {
        const live = await connect(url, w.id, { kind: 'participant', token: p.token });
        lives.push(live);
        const artifactId = artifactOf(p.participantId);
        const client = openDoc(url, w.id, artifactId, { kind: 'participant', token: p.token });
        docs.push(client);
        await synced(client);
        return { p, live, client, artifactId, edits: [] as Array<{ text: string; clock: number }> };
      }),
    );
    const options = facilitator.welcome.polls.length
      ? facilitator.welcome.polls
      : (await connect(url, w.id, { kind: 'facilitator', key: w.facilitatorKey })).welcome.polls;
    const optionIds = options.find((x) => x.id === pollId)!.options.map((o) => o.id);

    // Everyone votes at some moment in the next 1.5 s and edits every 40-80 ms until the kill.
    let running = true;
    const ackedVotes = new Map<string, string>();
    const votes = people.map(async ({ p, live }, i) => {
      await sleep(Math.random() * 1500);
      const optionId = optionIds[i % optionIds.length]!;
      const ack = await send(live, 'vote.cast', {
        pollId,
        answer: { kind: 'single', optionId },
      }).catch(() => undefined);
      if (ack?.ok && running) ackedVotes.set(p.participantId, optionId);
    });
    const editing = people.map(async (person, i) => {
      for (let n = 0; running; n++) {
        const text = `p${i}-e${n}`;
        itemsOf(person.client.doc).push([newItem({ id: `${i}-${n}`, text })]);
        person.edits.push({ text, clock: ownClock(person.client.doc) });
        await sleep(40 + Math.random() * 40);
      }
    });
    await sleep(1200);
    await eventually(() => expect(ackedVotes.size).toBeGreaterThanOrEqual(20), 5000);

    first.kill('SIGKILL');
    // What counted as acknowledged: votes acked and edits the server reported saved, right now.
    running = false;
    const votesAtKill = new Map(ackedVotes);
    const savedAtKill = people.map((person) => {
      const stored = person.client.saved.get(person.client.doc.clientID) ?? 0;
      return person.edits.filter((e) => e.clock <= stored).map((e) => e.text);
    });
    await new Promise((r) => first.once('exit', r));
    await Promise.all(editing);
    const savedCount = savedAtKill.reduce((n, s) => n + s.length, 0);
    expect(savedCount).toBeGreaterThan(100);

    // On disk, before any client can send anything again: every edit reported saved is there.
    const store = new FileDocStore(joinPath(dir, 'docs'));
    const onDisk = new Map<string, Set<string>>();
    for (const artifactId of new Set(people.map((x) => x.artifactId))) {
      const doc = new Y.Doc();
      for (const u of await store.load(`${w.id}/${artifactId}`)) Y.applyUpdate(doc, u);
      onDisk.set(artifactId, new Set(texts(doc)));
      doc.destroy();
    }
    people.forEach((person, i) => {
      const stored = onDisk.get(person.artifactId)!;
      const missing = savedAtKill[i]!.filter((t) => !stored.has(t));
      expect(missing, `edits of person ${i} reported saved but not on disk`).toEqual([]);
    });
    await store.close();

    const second = await startServerProcess(dir, port);
    children.push(second);

    // Every client comes back by itself; every acknowledged vote is there.
    await eventually(() => expect(people.every((x) => x.live.socket.connected)).toBe(true), 10_000);
    const after = await connect(url, w.id, { kind: 'facilitator', key: w.facilitatorKey });
    lives.push(after);
    const tally = after.welcome.results.find((r) => r.pollId === pollId)!;
    expect(tally.voters).toBeGreaterThanOrEqual(votesAtKill.size);
    for (const person of people) {
      const voted = votesAtKill.get(person.p.participantId);
      if (!voted) continue;
      const again = await connect(url, w.id, { kind: 'participant', token: person.p.token });
      lives.push(again);
      expect(again.welcome.myAnswers[pollId]).toEqual({ kind: 'single', optionId: voted });
    }

    // Documents: the editors reconnect, send what the server lacks, and all converge on the
    // server's state, which holds every edit anyone made (acknowledged or not).
    await eventually(() => {
      for (const person of people) expect(person.client.allSaved()).toBe(true);
    }, 15_000);
    for (const artifactId of new Set(people.map((x) => x.artifactId))) {
      const observer = openDoc(url, w.id, artifactId, {
        kind: 'facilitator',
        key: w.facilitatorKey,
      });
      docs.push(observer);
      await synced(observer);
      const members = people.filter((x) => x.artifactId === artifactId);
      const everyEdit = members.flatMap((m) => m.edits.map((e) => e.text)).sort();
      await eventually(() => {
        expect([...texts(observer.doc)].sort()).toEqual(everyEdit);
        for (const m of members) expect([...texts(m.client.doc)].sort()).toEqual(everyEdit);
      }, 10_000);
    }
    await Promise.all(votes);
  }, 90_000);
});
