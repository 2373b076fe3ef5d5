import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PollResults, PollView } from '@plenary/shared';
import { MemoryStore, type StoredWorkshop } from '@plenary/server';
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

let running: Running;
const open: Live[] = [];
beforeEach(async () => {
  running = await startServer();
});
afterEach(async () => {
  for (const l of open.splice(0)) l.socket.close();
  await running.close();
});

async function setup(participants: number) {
  const w = await createWorkshop(running.url);
  const facilitator = await connect(running.url, w.id, {
    kind: 'facilitator',
    key: w.facilitatorKey,
  });
  open.push(facilitator);
  const joined = await Promise.all(
    Array.from({ length: participants }, (_, i) => join(running.url, w.joinCode, `Voter ${i}`)),
  );
  const people = await Promise.all(
    joined.map((j) => connect(running.url, w.id, { kind: 'participant', token: j.token })),
  );
  open.push(...people);
  return { w, facilitator, people, joined };
}

function watch(live: Live) {
  const results: PollResults[] = [];
  let polls: PollView[] = live.welcome.polls;
  live.socket.on('poll.results', (r) => results.push(r));
  live.socket.on('polls', (p) => (polls = p));
  return {
    results,
    polls: () => polls,
    latest: (id: string) => results.filter((r) => r.pollId === id).at(-1),
  };
}

async function openPoll(facilitator: Live, body: Record<string, unknown>) {
  const created = await send(facilitator, 'poll.create', body as never);
  if (!created.ok) throw new Error(created.message);
  expect(
    await send(facilitator, 'poll.setState', { pollId: created.pollId, state: 'open' }),
  ).toEqual({ ok: true });
  return created.pollId;
}

describe('fifty participants voting at once', () => {
  it('count every distinct voter once, with merged result broadcasts', async () => {
    const { facilitator, people } = await setup(50);
    const f = watch(facilitator);
    const pollId = await openPoll(facilitator, {
      kind: 'single',
      question: 'Which pillar needs most attention in your city?',
      options: ['Prevention', 'Protection', 'Prosecution', 'Partnership'].map((label) => ({
        label,
      })),
      anonymous: true,
    });
    await eventually(() => expect(people[0]!.socket.connected).toBe(true));
    const view = f.polls().find((p) => p.id === pollId)!;
    const acks = await Promise.all(
      people.map((p, i) =>
        send(p, 'vote.cast', {
          pollId,
          answer: { kind: 'single', optionId: view.options[i % 4]!.id },
        }),
      ),
    );
    expect(acks.every((a) => a.ok)).toBe(true);
    await eventually(() => expect(f.latest(pollId)?.voters).toBe(50));
    expect(f.latest(pollId)!.options.map((o) => o.count)).toEqual([13, 13, 12, 12]);
    // Fifty votes, far fewer broadcasts.
    expect(f.results.filter((r) => r.pollId === pollId).length).toBeLessThan(25);
    const stored = (await running.server.workshops.get(facilitator.session().id))!.workshop
      .polls[0]!;
    expect(stored.voters).toHaveLength(50);
    const ballots = JSON.stringify(stored.ballots);
    for (const p of people) expect(ballots).not.toContain(p.welcome.participantId!);
  });
});

describe('votes', () => {
  it('apply a re-sent vote once and let a participant change it while open', async () => {
    const { facilitator, people } = await setup(1);
    const f = watch(facilitator);
    const pollId = await openPoll(facilitator, {
      kind: 'single',
      question: 'Q',
      options: [{ label: 'A' }, { label: 'B' }],
      anonymous: false,
    });
    const [a, b] = f.polls()[0]!.options;
    const payload = {
      cmdId: 'vote-once-0001',
      pollId,
      answer: { kind: 'single' as const, optionId: a!.id },
    };
    const acks = await Promise.all(
      [1, 2, 3, 4, 5].map(() => send(people[0]!, 'vote.cast', payload)),
    );
    expect(acks.filter((x) => x.ok && !x.duplicate)).toHaveLength(1);
    await send(people[0]!, 'vote.cast', { pollId, answer: { kind: 'single', optionId: b!.id } });
    await eventually(() => expect(f.latest(pollId)?.options.map((o) => o.count)).toEqual([0, 1]));
  });

  it('refuse a vote on a closed poll with a clear message, changing nothing', async () => {
    const { facilitator, people } = await setup(1);
    const f = watch(facilitator);
    const pollId = await openPoll(facilitator, {
      kind: 'single',
      question: 'Q',
      options: [{ label: 'A' }, { label: 'B' }],
    });
    await send(facilitator, 'poll.setState', { pollId, state: 'closed' });
    const ack = await send(people[0]!, 'vote.cast', {
      pollId,
      answer: { kind: 'single', optionId: f.polls()[0]!.options[0]!.id },
    });
    expect(ack).toMatchObject({
      ok: false,
      code: 'conflict',
      message: expect.stringMatching(/closed/),
    });
    expect(
      (await running.server.workshops.get(facilitator.session().id))!.workshop.polls[0]!.voters,
    ).toEqual([]);
  });

  it('come back to the voter after a reconnect, even on an anonymous poll', async () => {
    const { w, facilitator, people, joined } = await setup(1);
    const f = watch(facilitator);
    const pollId = await openPoll(facilitator, {
      kind: 'scale',
      question: 'How confident are you in identifying a victim?',
      anonymous: true,
    });
    await send(people[0]!, 'vote.cast', { pollId, answer: { kind: 'scale', value: 4 } });
    people[0]!.socket.close();
    const again = await connect(running.url, w.id, {
      kind: 'participant',
      token: joined[0]!.token,
    });
    open.push(again);
    expect(again.welcome.myAnswers[pollId]).toEqual({ kind: 'scale', value: 4 });
    expect(f.polls()).toHaveLength(1);
  });
});

describe('poll control', () => {
  it('is refused to participants: they cannot create, open, close or reveal', async () => {
    const { facilitator, people } = await setup(1);
    const created = await send(facilitator, 'poll.create', {
      kind: 'single',
      question: 'Q',
      options: [{ label: 'A' }, { label: 'B' }],
    });
    const pollId = created.ok ? created.pollId : '';
    const p = people[0]!;
    for (const ack of await Promise.all([
      send(p, 'poll.create', { kind: 'open', question: 'Mine' }),
      send(p, 'poll.setState', { pollId, state: 'open' }),
      send(p, 'poll.setState', { pollId, state: 'closed' }),
      send(p, 'poll.reveal', { pollId, revealed: true }),
      send(p, 'poll.delete', { pollId }),
    ])) {
      expect(ack).toMatchObject({ ok: false, code: 'forbidden' });
    }
    expect(
      (await running.server.workshops.get(facilitator.session().id))!.workshop.polls,
    ).toMatchObject([{ state: 'draft', shown: { screen: false, phones: false } }]);
  });

  it('shows drafts to the facilitator only, and which answer is right to participants once revealed', async () => {
    const { facilitator, people } = await setup(2);
    const p = watch(people[0]!);
    const created = await send(facilitator, 'poll.create', {
      kind: 'quiz',
      question: 'Who may refer a victim?',
      options: [{ label: 'Anyone who identifies one', correct: true }, { label: 'Only police' }],
      anonymous: false,
    });
    const pollId = created.ok ? created.pollId : '';
    await new Promise((r) => setTimeout(r, 100));
    expect(p.polls()).toEqual([]);
    await send(facilitator, 'poll.setState', { pollId, state: 'open' });
    await eventually(() => expect(p.polls()).toHaveLength(1));
    expect(p.polls()[0]!.options.some((o) => 'correct' in o)).toBe(false);
    const right = p.polls()[0]!.options[0]!.id;
    await send(people[0]!, 'vote.cast', { pollId, answer: { kind: 'quiz', optionId: right } });
    // The answer earns the tally (poll-results.test.ts), but not which answer is right.
    await eventually(() => expect(p.latest(pollId)).toMatchObject({ voters: 1 }));
    expect(p.latest(pollId)).not.toHaveProperty('correctShare');
    await send(facilitator, 'poll.reveal', { pollId, revealed: true });
    await eventually(() => expect(p.latest(pollId)).toMatchObject({ voters: 1, correctShare: 1 }));
    expect(p.polls()[0]!.options[0]!.correct).toBe(true);
  });

  it('exports results as CSV, with no participant column for anonymous polls', async () => {
    const { w, facilitator, people } = await setup(2);
    const f = watch(facilitator);
    const anon = await openPoll(facilitator, {
      kind: 'single',
      question: 'Anonymous one',
      options: [{ label: '=A' }, { label: 'B, with comma' }],
      anonymous: true,
    });
    await eventually(() => expect(f.polls()).toHaveLength(1));
    await send(people[0]!, 'vote.cast', {
      pollId: anon,
      answer: { kind: 'single', optionId: f.polls()[0]!.options[0]!.id },
    });
    const res = await fetch(`${running.url}/api/workshops/${w.id}/polls.csv?pollId=${anon}`, {
      headers: { authorization: `Bearer ${w.facilitatorKey}` },
    });
    expect(res.headers.get('content-type')).toMatch(/text\/csv/);
    const csv = (await res.text()).replace(/^\ufeff/, '');
    const [header, ...rows] = csv.trim().split('\r\n');
    expect(header).not.toMatch(/participant/);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toContain("'=A"); // no formula injection
    expect(rows[1]).toContain('"B, with comma"');
    const named = await openPoll(facilitator, {
      kind: 'single',
      question: 'Named one',
      options: [{ label: 'Yes' }, { label: 'No' }],
      anonymous: false,
    });
    await eventually(() => expect(f.polls()).toHaveLength(2));
    await send(people[1]!, 'vote.cast', {
      pollId: named,
      answer: { kind: 'single', optionId: f.polls()[1]!.options[1]!.id },
    });
    const all = await (
      await fetch(`${running.url}/api/workshops/${w.id}/polls.csv`, {
        headers: { authorization: `Bearer ${w.facilitatorKey}` },
      })
    ).text();
    expect(all).toMatch(/participant/);
    expect(all).toContain('Voter 1');
    const asParticipant = await fetch(`${running.url}/api/workshops/${w.id}/polls.csv`, {
      headers: { authorization: `Bearer ${people[0]!.welcome.participantId}.x` },
    });
    expect(asParticipant.status).toBe(403);
  });
});

describe('questions from the floor', () => {
  it('are asked, upvoted once each, sorted by votes, and hidden by the facilitator', async () => {
    const { facilitator, people } = await setup(3);
    let seen: Array<{ id: string; text: string; upvotes: number; authorName: string | null }> = [];
    people[2]!.socket.on('questions', (q) => (seen = q));
    await send(people[0]!, 'question.ask', {
      text: 'How do we refer a child without documents?',
      anonymous: true,
    });
    await send(people[1]!, 'question.ask', { text: 'Who pays for interpretation?' });
    await eventually(() => expect(seen).toHaveLength(2));
    const second = seen.find((q) => q.text.startsWith('Who pays'))!;
    expect(second.authorName).toBe('Voter 1');
    expect(seen.find((q) => q.text.startsWith('How do'))!.authorName).toBeNull();
    await send(people[0]!, 'question.upvote', { questionId: second.id, up: true });
    await send(people[0]!, 'question.upvote', { questionId: second.id, up: true });
    await send(people[2]!, 'question.upvote', { questionId: second.id, up: true });
    await eventually(() => expect(seen[0]).toMatchObject({ id: second.id, upvotes: 2 }));
    await send(facilitator, 'question.setState', { questionId: second.id, state: 'hidden' });
    await eventually(() => expect(seen.map((q) => q.id)).not.toContain(second.id));
    expect(
      await send(people[0]!, 'question.setState', { questionId: second.id, state: 'open' }),
    ).toMatchObject({ ok: false, code: 'forbidden' });
  });
});

describe('a vote while the disk is slow', () => {
  /** Saves take 400 ms to become durable (the state is visible at once, as with lowdb). */
  class SlowStore extends MemoryStore {
    slow = false;
    override async save(record: StoredWorkshop): Promise<void> {
      await super.save(record);
      if (this.slow) await new Promise((r) => setTimeout(r, 400));
    }
  }

  it('reaches the screens as it applies, and is acknowledged only once stored', async () => {
    const store = new SlowStore();
    const slow = await startServer(store);
    try {
      const w = await createWorkshop(slow.url);
      const facilitator = await connect(slow.url, w.id, {
        kind: 'facilitator',
        key: w.facilitatorKey,
      });
      const j = await join(slow.url, w.joinCode, 'Invented Voter');
      const voter = await connect(slow.url, w.id, { kind: 'participant', token: j.token });
      open.push(facilitator, voter);
      const f = watch(facilitator);
      const pollId = await openPoll(facilitator, {
        kind: 'single',
        question: 'Which agency should a frontline worker call first?',
        options: [{ label: 'Police' }, { label: 'Shelter' }],
        anonymous: false,
      });
      const optionId = f.polls().find((p) => p.id === pollId)!.options[0]!.id;
      store.slow = true;
      let acked = false;
      const ack = send(voter, 'vote.cast', { pollId, answer: { kind: 'single', optionId } }).then(
        (a) => ((acked = true), a),
      );
      await eventually(() => expect(f.latest(pollId)?.voters).toBe(1));
      expect(acked).toBe(false);
      // The ack says how many ballots the poll holds with this one (the tally that counts it).
      expect(await ack).toEqual({ ok: true, ballots: 1 });
      expect((await store.load(w.id))!.workshop.polls[0]!.voters).toEqual([j.participantId]);
    } finally {
      await slow.close();
    }
  });
});
