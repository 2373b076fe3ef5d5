import { cp, mkdtemp, readFile, rm, stat, writeFile, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join as joinPath } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LowdbStore, type LowdbStoreOptions } from '@plenary/server';
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

let dir: string;
let running: Running | undefined;
const lives: Live[] = [];
beforeEach(async () => {
  dir = await mkdtemp(joinPath(tmpdir(), 'plenary-journal-'));
});
afterEach(async () => {
  for (const l of lives.splice(0)) l.socket.close();
  await running?.close().catch(() => undefined);
  running = undefined;
  await rm(dir, { recursive: true, force: true });
});

const journalOf = (folder: string) => joinPath(folder, 'workshops.journal');
const size = async (file: string) => (await stat(file)).size;

/** A workshop on a lowdb store in `dir`, a facilitator and `n` participants, and an open poll. */
async function setup(n: number, anonymous: boolean, options: LowdbStoreOptions = {}) {
  running = await startServer(await LowdbStore.open(dir, options));
  const url = running.url;
  const w = await createWorkshop(url, { template: 'blank' });
  const people = await Promise.all(
    Array.from({ length: n }, (_, i) => join(url, w.joinCode, `Invented Voter ${i}`, 'TH')),
  );
  const f = await connect(url, w.id, { kind: 'facilitator', key: w.facilitatorKey });
  lives.push(f);
  const sockets = await Promise.all(
    people.map((p) => connect(url, w.id, { kind: 'participant', token: p.token })),
  );
  lives.push(...sockets);
  const created = await send(f, 'poll.create', {
    kind: 'single',
    question: 'Which pillar needs most attention in your city?',
    options: ['Prevention', 'Protection', 'Prosecution', 'Partnership'].map((label) => ({ label })),
    anonymous,
  });
  if (!created.ok) throw new Error(created.message);
  await send(f, 'poll.setState', { pollId: created.pollId, state: 'open' });
  const poll = (await running.server.workshops.get(w.id))!.workshop.polls[0]!;
  const vote = (i: number, option = i % 4) =>
    send(sockets[i]!, 'vote.cast', {
      pollId: created.pollId,
      answer: { kind: 'single', optionId: poll.options[option]!.id },
    });
  return { w, people, f, sockets, pollId: created.pollId, vote };
}

/** The data folder as a kill -9 would leave it now: both files copied while the server runs. */
async function crashCopy(): Promise<string> {
  const copy = await mkdtemp(joinPath(tmpdir(), 'plenary-journal-copy-'));
  await cp(joinPath(dir, 'workshops.json'), joinPath(copy, 'workshops.json'));
  await cp(journalOf(dir), journalOf(copy));
  return copy;
}

describe('the journal beside the data file', () => {
  it('appends a vote as a short entry, not a rewrite of the file, and replays it after a crash', async () => {
    const { w, vote } = await setup(40, false);
    await vote(0);
    const snapshot = await size(joinPath(dir, 'workshops.json'));
    const journalBefore = await size(journalOf(dir));
    for (let i = 1; i < 40; i++) expect(await vote(i)).toEqual({ ok: true, ballots: i + 1 });
    const perVote = ((await size(journalOf(dir))) - journalBefore) / 39;
    // Every acknowledged vote is in the journal, a few hundred bytes each; the snapshot untouched.
    expect(perVote).toBeLessThan(400);
    expect(await size(joinPath(dir, 'workshops.json'))).toBe(snapshot);

    const copy = await crashCopy();
    try {
      const reopened = await LowdbStore.open(copy);
      const live = (await running!.server.workshops.get(w.id))!;
      const replayed = (await reopened.load(w.id))!;
      expect(replayed.workshop).toEqual(live.workshop);
      expect(replayed.recentCommands).toEqual(live.recentCommands);
      expect(Object.keys(replayed.workshop.polls[0]!.ballots)).toHaveLength(40);
      await reopened.close();
      // Opening folded the journal into the snapshot.
      expect(await size(journalOf(copy))).toBe(0);
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });

  it('skips a torn last line, and replays nothing twice after a crash between snapshot and emptying', async () => {
    const { w, vote } = await setup(6, false);
    for (let i = 0; i < 6; i++) await vote(i);
    const copy = await crashCopy();
    try {
      const journal = await readFile(journalOf(copy), 'utf8');
      // A crash mid-append: half a line, never acknowledged.
      await appendFile(journalOf(copy), '{"s":999,"w":"x","o":[{"p":["ti');
      const first = await LowdbStore.open(copy);
      const expected = (await first.load(w.id))!;
      expect(expected).toEqual(await running!.server.workshops.get(w.id));
      await first.close();
      // The snapshot now holds every entry; the old journal comes back, as if never emptied.
      await writeFile(journalOf(copy), journal);
      const second = await LowdbStore.open(copy);
      const again = (await second.load(w.id))!;
      expect(again).toEqual(expected);
      expect(new Set(again.recentCommands).size).toBe(again.recentCommands.length);
      await second.close();
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });

  it('keeps votes of a named poll in the journal, but folds an anonymous one into the snapshot within a second', async () => {
    const named = await setup(3, false, { sensitiveCompactMs: 300 });
    await named.vote(0);
    await new Promise((r) => setTimeout(r, 600));
    expect(await readFile(journalOf(dir), 'utf8')).toContain(named.people[0]!.participantId);
    await running!.close();
    running = undefined;
    for (const l of lives.splice(0)) l.socket.close();
    await rm(dir, { recursive: true, force: true });

    dir = await mkdtemp(joinPath(tmpdir(), 'plenary-journal-'));
    const anonymous = await setup(3, true, { sensitiveCompactMs: 300 });
    await eventually(async () => expect(await size(journalOf(dir))).toBe(0));
    expect(await anonymous.vote(1)).toEqual({ ok: true, ballots: 1 });
    // The entry pairs the voter list's new id with the new ballot: on disk only briefly.
    expect(await readFile(journalOf(dir), 'utf8')).toContain(anonymous.people[1]!.participantId);
    await eventually(async () => expect(await size(journalOf(dir))).toBe(0));
    const stored = (await running!.server.workshops.get(anonymous.w.id))!.workshop.polls[0]!;
    expect(Object.keys(stored.ballots)).toHaveLength(1);
    expect(Object.keys(stored.ballots)[0]).not.toBe(anonymous.people[1]!.participantId);
    expect(await readFile(joinPath(dir, 'workshops.json'), 'utf8')).toContain(
      Object.keys(stored.ballots)[0],
    );
  });

  it('leaves nothing of a deleted workshop in the journal once folded, without a restart', async () => {
    running = await startServer(await LowdbStore.open(dir, { sensitiveCompactMs: 300 }));
    const w = await createWorkshop(running.url, { title: 'Workshop to forget' });
    await join(running.url, w.joinCode, 'Invented Name');
    expect(await readFile(journalOf(dir), 'utf8')).toContain('Invented Name');
    await fetch(`${running.url}/api/workshops/${w.id}`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${w.facilitatorKey}` },
    });
    await eventually(async () => expect(await size(journalOf(dir))).toBe(0));
    const file = await readFile(joinPath(dir, 'workshops.json'), 'utf8');
    expect(file).not.toContain('Workshop to forget');
    expect(file).not.toContain('Invented Name');
  });

  it('opens a data file written before the journal existed, and journals from there', async () => {
    running = await startServer(await LowdbStore.open(dir));
    const w = await createWorkshop(running.url, { title: 'Workshop from the last version' });
    await running.close();
    running = undefined;
    // As the last version left it: no sequence number, no journal.
    const data = JSON.parse(await readFile(joinPath(dir, 'workshops.json'), 'utf8')) as {
      seq?: number;
    };
    delete data.seq;
    await writeFile(joinPath(dir, 'workshops.json'), JSON.stringify(data));
    await rm(journalOf(dir));

    running = await startServer(await LowdbStore.open(dir));
    expect((await running.server.workshops.get(w.id))!.workshop.title).toBe(
      'Workshop from the last version',
    );
    const p = await join(running.url, w.joinCode, 'Invented Returner', 'KH');
    expect(await readFile(journalOf(dir), 'utf8')).toContain('Invented Returner');
    const copy = await crashCopy();
    try {
      const reopened = await LowdbStore.open(copy);
      const ids = (await reopened.load(w.id))!.workshop.participants.map((x) => x.id);
      expect(ids).toEqual([p.participantId]);
      await reopened.close();
    } finally {
      await rm(copy, { recursive: true, force: true });
    }
  });

  it('folds the journal into the snapshot once it outgrows it', async () => {
    const { vote } = await setup(30, false, { compactBytes: 2000 });
    const snapshot = await size(joinPath(dir, 'workshops.json'));
    for (let i = 0; i < 30; i++) await vote(i, i % 2);
    for (let i = 0; i < 30; i++) await vote(i, 2 + (i % 2));
    // 60 entries of a few hundred bytes outgrow 2,000 bytes and the snapshot several times over.
    expect(await size(joinPath(dir, 'workshops.json'))).toBeGreaterThan(snapshot);
    expect(await size(journalOf(dir))).toBeLessThan(
      Math.max(2000, await size(joinPath(dir, 'workshops.json'))) + 1000,
    );
  });
});
