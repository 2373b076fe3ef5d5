import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PollCount, PollResults, Poll } from '@plenary/shared';
import { MemoryStore } from '@plenary/server';
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

/** Results where they belong: the projector and the phones are separate choices (issue 22). */

let running: Running;
const open: Live[] = [];
let store: MemoryStore;
beforeEach(async () => {
  store = new MemoryStore();
  running = await startServer(store);
});
afterEach(async () => {
  for (const l of open.splice(0)) l.socket.close();
  await running.close();
});

function watch(live: Live) {
  const results: PollResults[] = [];
  const counts: PollCount[] = [];
  let sessions = 0;
  live.socket.on('poll.results', (r) => results.push(r));
  live.socket.on('poll.count', (c) => counts.push(c));
  live.socket.on('session', () => sessions++);
  return { results, counts, sessions: () => sessions };
}

/** A facilitator, a projector and two phones; an open quiz. */
async function room(url = running.url) {
  const w = await createWorkshop(url);
  const live = (c: Parameters<typeof connect>[2]) =>
    connect(url, w.id, c).then((l) => (open.push(l), l));
  const facilitator = await live({ kind: 'facilitator', key: w.facilitatorKey });
  const screen = await live({ kind: 'screen', key: w.screenKey });
  const [a, b] = await Promise.all([join(url, w.joinCode, 'Ana'), join(url, w.joinCode, 'Budi')]);
  const ana = await live({ kind: 'participant', token: a!.token });
  const budi = await live({ kind: 'participant', token: b!.token });
  const created = await send(facilitator, 'poll.create', {
    kind: 'quiz',
    question: 'Who may refer a victim?',
    options: [{ label: 'Anyone who identifies one', correct: true }, { label: 'Only police' }],
  });
  if (!created.ok) throw new Error(created.message);
  const pollId = created.pollId;
  expect(await send(facilitator, 'poll.setState', { pollId, state: 'open' })).toEqual({ ok: true });
  return { w, facilitator, screen, ana, budi, pollId, tokens: [a!.token, b!.token] as const };
}

/**
 * Everything sent to a connection before a later session change has arrived once that change
 * has: a marker that proves a tally was never sent, without waiting on a clock.
 */
async function markAfter(facilitator: Live, watched: Array<ReturnType<typeof watch>>) {
  const before = watched.map((w) => w.sessions());
  await send(facilitator, 'workshop.update', { title: `Marker ${Math.random()}` });
  await eventually(() =>
    watched.forEach((w, i) => expect(w.sessions()).toBeGreaterThan(before[i]!)),
  );
}

describe('poll results on the projector and on phones', () => {
  it('gives the phone that answered its tally, the projector a count, and the phone that has not answered nothing', async () => {
    const { facilitator, screen, ana, budi, pollId } = await room();
    const [s, a, b] = [watch(screen), watch(ana), watch(budi)];
    const optionId = (await eventuallyPoll(ana, pollId)).options[0]!.id;
    expect(await send(ana, 'vote.cast', { pollId, answer: { kind: 'quiz', optionId } })).toEqual({
      ok: true,
      ballots: 1,
    });
    await eventually(() => expect(a.results.at(-1)).toMatchObject({ pollId, voters: 1 }));
    await eventually(() => expect(s.counts.at(-1)).toEqual({ pollId, voters: 1 }));
    await markAfter(facilitator, [s, b]);
    expect(b.results).toEqual([]);
    expect(s.results).toEqual([]);
    // An answer earns the bars, not which answer is right (the poll is still open).
    expect(a.results.at(-1)).not.toHaveProperty('correctShare');
    expect(a.results.at(-1)!.options.some((o) => 'correct' in o)).toBe(false);
  });

  it('shows the bars on the projector only when shown there, and on every phone only when shown on phones', async () => {
    const { facilitator, screen, ana, budi, pollId } = await room();
    const [s, b] = [watch(screen), watch(budi)];
    const optionId = (await eventuallyPoll(ana, pollId)).options[0]!.id;
    await send(ana, 'vote.cast', { pollId, answer: { kind: 'quiz', optionId } });
    await send(facilitator, 'poll.reveal', { pollId, revealed: true, on: 'screen' });
    await eventually(() => expect(s.results.at(-1)).toMatchObject({ pollId, voters: 1 }));
    await markAfter(facilitator, [b]);
    expect(b.results).toEqual([]);

    await send(facilitator, 'poll.reveal', { pollId, revealed: true, on: 'phones' });
    await eventually(() =>
      expect(b.results.at(-1)).toMatchObject({ pollId, voters: 1, correctShare: 1 }),
    );
    // Hidden on the projector again: back to the count.
    await send(facilitator, 'poll.reveal', { pollId, revealed: false, on: 'screen' });
    const seen = s.results.length;
    await send(budi, 'vote.cast', { pollId, answer: { kind: 'quiz', optionId } });
    await eventually(() => expect(s.counts.at(-1)).toEqual({ pollId, voters: 2 }));
    expect(s.results).toHaveLength(seen);
  });

  it('welcomes each screen with what it may see: the count, the answered tally, or nothing', async () => {
    const { w, facilitator, ana, pollId, tokens } = await room();
    const optionId = (await eventuallyPoll(ana, pollId)).options[0]!.id;
    await send(ana, 'vote.cast', { pollId, answer: { kind: 'quiz', optionId } });
    const again = async (c: Parameters<typeof connect>[2]) => {
      const l = await connect(running.url, w.id, c);
      open.push(l);
      return l.welcome;
    };
    const screen = await again({ kind: 'screen', key: w.screenKey });
    expect(screen.results).toEqual([]);
    expect(screen.counts).toEqual([{ pollId, voters: 1 }]);
    const ana2 = await again({ kind: 'participant', token: tokens[0] });
    expect(ana2.results).toEqual([]);
    expect(ana2.myResults).toMatchObject([{ pollId, voters: 1 }]);
    const budi2 = await again({ kind: 'participant', token: tokens[1] });
    expect([...budi2.results, ...(budi2.myResults ?? [])]).toEqual([]);
    expect(budi2.counts).toEqual([]);
    // A reconnected phone that answered keeps getting the tally as others vote.
    const live = open.at(-2)!;
    const l = watch(live);
    await send(open.at(-1)!, 'vote.cast', { pollId, answer: { kind: 'quiz', optionId } });
    await eventually(() => expect(l.results.at(-1)).toMatchObject({ pollId, voters: 2 }));
    expect(facilitator.welcome.results).toEqual([]);
  });

  it('reads a poll stored with one revealed flag: results on the projector and on every phone', async () => {
    const { w, facilitator, pollId } = await room();
    await facilitator.socket.close();
    await running.close();
    const record = (await store.load(w.id))!;
    const old = record.workshop.polls.map((p) => {
      const { shown: _, ...rest } = p;
      return { ...rest, revealed: true } as Poll;
    });
    await store.save({ ...record, workshop: { ...record.workshop, polls: old } });
    running = await startServer(store);
    const welcome = async (c: Parameters<typeof connect>[2]) => {
      const l = await connect(running.url, w.id, c);
      open.push(l);
      return l.welcome;
    };
    const screen = await welcome({ kind: 'screen', key: w.screenKey });
    expect(screen.polls[0]!.shown).toEqual({ screen: true, phones: true });
    expect(screen.results).toMatchObject([{ pollId, voters: 0 }]);
    const [c] = [await join(running.url, w.joinCode, 'Chidi')];
    const phone = await welcome({ kind: 'participant', token: c!.token });
    expect(phone.results).toMatchObject([{ pollId, voters: 0 }]);
  });
});

/** The poll as a participant sees it, once it has reached them. */
async function eventuallyPoll(live: Live, pollId: string) {
  let polls = live.welcome.polls;
  live.socket.on('polls', (p) => (polls = p));
  await eventually(() => expect(polls.some((p) => p.id === pollId)).toBe(true));
  return polls.find((p) => p.id === pollId)!;
}
