import { describe, expect, it } from 'vitest';
import {
  COMMANDS,
  CommandInputs,
  castVote,
  createPoll,
  deletePoll,
  duplicatePoll,
  joinWorkshop,
  knowledgeCheck,
  myAnswer,
  revealPoll,
  setPollState,
  tallyPoll,
  updatePoll,
  wordCounts,
  type Answer,
  type Workshop,
} from '@plenary/shared';
import { context, unwrap, workshop } from './fixtures.js';

const facilitator = context();

function room(n: number): Workshop {
  let w = workshop('blank', facilitator);
  for (let i = 0; i < n; i++) {
    w = unwrap(
      joinWorkshop(
        w,
        { name: `P${i}`, country: 'PH', city: '', organisation: '', role: '' },
        'h',
        facilitator,
      ),
    ).workshop;
  }
  return w;
}

const as = (participantId: string, keyFor?: (pollId: string) => string) => ({
  ...context(2_000_000_000_000, { role: 'participant', participantId }),
  ...(keyFor && { ballotKeyFor: keyFor }),
});

function openPoll(w: Workshop, input: Record<string, unknown>) {
  const parsed = CommandInputs['poll.create'].parse(input);
  const { workshop: w1, pollId } = unwrap(createPoll(w, parsed, facilitator));
  return { w: unwrap(setPollState(w1, { pollId, state: 'open' })), pollId };
}

const vote = (
  w: Workshop,
  pollId: string,
  participantId: string,
  answer: Answer,
  keyFor?: (id: string) => string,
) => castVote(w, { pollId, answer }, as(participantId, keyFor));

const options = (...labels: string[]) => labels.map((label) => ({ label }));

describe('voting', () => {
  it('keeps one vote per participant, and a changed vote replaces the first', () => {
    let { w, pollId } = openPoll(room(2), {
      kind: 'single',
      question: 'Which sector refers most victims?',
      options: options('Police', 'NGOs', 'Health'),
      anonymous: false,
    });
    const [p1, p2] = w.participants;
    const [police, ngos] = w.polls[0]!.options;
    w = unwrap(vote(w, pollId, p1!.id, { kind: 'single', optionId: police!.id }));
    w = unwrap(vote(w, pollId, p1!.id, { kind: 'single', optionId: ngos!.id }));
    w = unwrap(vote(w, pollId, p2!.id, { kind: 'single', optionId: ngos!.id }));
    const r = tallyPoll(w.polls[0]!, true);
    expect(r.voters).toBe(2);
    expect(r.options.map((o) => [o.label, o.count, o.share])).toEqual([
      ['Police', 0, 0],
      ['NGOs', 2, 1],
      ['Health', 0, 0],
    ]);
    expect(w.polls[0]!.voters).toEqual([p1!.id, p2!.id].sort());
  });

  it('tells each vote how many ballots its poll holds with it, so a tally that counts it is known', () => {
    let { w, pollId } = openPoll(room(3), {
      kind: 'single',
      question: 'Which sector refers most victims?',
      options: options('Police', 'NGOs'),
      anonymous: true,
    });
    const [police] = w.polls[0]!.options;
    const counted: number[] = [];
    for (const [i, p] of [...w.participants, w.participants[0]!].entries()) {
      const applied = unwrap(
        COMMANDS['vote.cast'].apply(
          w,
          { pollId, answer: { kind: 'single', optionId: police!.id } },
          as(p.id, () => `key-${p.id}`),
        ),
      );
      w = applied.workshop;
      counted.push(applied.result.ballots);
      expect(tallyPoll(w.polls[0]!, true).voters).toBe(counted[i]);
    }
    // A changed vote adds no ballot.
    expect(counted).toEqual([1, 2, 3, 3]);
  });

  it('keeps the voter list sorted and without repeats, whatever the order of votes', () => {
    let { w, pollId } = openPoll(room(40), {
      kind: 'single',
      question: 'Which sector refers most victims?',
      options: options('Police', 'NGOs'),
      anonymous: false,
    });
    const [police] = w.polls[0]!.options;
    // A fixed shuffle, each participant voting twice.
    const order = w.participants.map((p, i) => ({ p, k: (i * 17) % 40 })).sort((a, b) => a.k - b.k);
    for (const { p } of [...order, ...order.toReversed()])
      w = unwrap(vote(w, pollId, p.id, { kind: 'single', optionId: police!.id }));
    const voters = w.polls[0]!.voters;
    expect(voters).toEqual(w.participants.map((p) => p.id).sort());
    expect(new Set(voters).size).toBe(40);
  });

  it('refuses a vote on a closed poll and changes nothing', () => {
    let { w, pollId } = openPoll(room(1), {
      kind: 'single',
      question: 'Q',
      options: options('A', 'B'),
    });
    w = unwrap(setPollState(w, { pollId, state: 'closed' }));
    const r = vote(
      w,
      pollId,
      w.participants[0]!.id,
      { kind: 'single', optionId: w.polls[0]!.options[0]!.id },
      () => 'k',
    );
    expect(r).toMatchObject({ ok: false, code: 'conflict' });
  });

  it('hides a draft poll from voters', () => {
    const w0 = room(1);
    const { workshop: w, pollId } = unwrap(
      createPoll(
        w0,
        CommandInputs['poll.create'].parse({
          kind: 'single',
          question: 'Q',
          options: options('A', 'B'),
          anonymous: false,
        }),
        facilitator,
      ),
    );
    expect(
      vote(w, pollId, w.participants[0]!.id, {
        kind: 'single',
        optionId: w.polls[0]!.options[0]!.id,
      }),
    ).toMatchObject({ ok: false, code: 'not_found' });
  });

  it('checks answers against the poll', () => {
    const w0 = room(1);
    const p = w0.participants[0]!.id;
    const multi = openPoll(w0, {
      kind: 'multiple',
      question: 'Q',
      options: options('A', 'B', 'C'),
      maxChoices: 2,
      anonymous: false,
    });
    const [a, b, c] = multi.w.polls[0]!.options;
    expect(
      vote(multi.w, multi.pollId, p, { kind: 'multiple', optionIds: [a!.id, b!.id, c!.id] }),
    ).toMatchObject({ ok: false, field: 'answer' });
    expect(
      vote(multi.w, multi.pollId, p, { kind: 'multiple', optionIds: [a!.id, a!.id] }),
    ).toMatchObject({ ok: false });
    expect(vote(multi.w, multi.pollId, p, { kind: 'single', optionId: a!.id })).toMatchObject({
      ok: false,
    });
    const scale = openPoll(w0, {
      kind: 'scale',
      question: 'How confident are you?',
      anonymous: false,
    });
    expect(vote(scale.w, scale.pollId, p, { kind: 'scale', value: 6 })).toMatchObject({
      ok: false,
    });
    const points = openPoll(w0, {
      kind: 'points',
      question: 'Spread 100',
      options: options('Prevention', 'Protection'),
      pointsTotal: 100,
      anonymous: false,
    });
    const [x, y] = points.w.polls[0]!.options;
    expect(
      vote(points.w, points.pollId, p, { kind: 'points', points: { [x!.id]: 80, [y!.id]: 30 } }),
    ).toMatchObject({ ok: false, message: expect.stringMatching(/100 points/) });
    const ranking = openPoll(w0, {
      kind: 'ranking',
      question: 'Rank',
      options: options('A', 'B', 'C'),
      anonymous: false,
    });
    const ids = ranking.w.polls[0]!.options.map((o) => o.id);
    expect(
      vote(ranking.w, ranking.pollId, p, { kind: 'ranking', order: ids.slice(0, 2) }),
    ).toMatchObject({ ok: false });
  });
});

describe('anonymous polls', () => {
  it('store no link from a voter to a choice', () => {
    let { w, pollId } = openPoll(room(3), {
      kind: 'single',
      question: 'Q',
      options: options('Yes', 'No'),
      anonymous: true,
    });
    const [yes, no] = w.polls[0]!.options;
    const keys = new Map(w.participants.map((p, i) => [p.id, `opaque-key-${i}`]));
    for (const [i, p] of w.participants.entries()) {
      w = unwrap(
        vote(w, pollId, p.id, { kind: 'single', optionId: (i === 0 ? yes : no)!.id }, () =>
          keys.get(p.id)!,
        ),
      );
    }
    const poll = w.polls[0]!;
    const stored = JSON.stringify(poll.ballots);
    for (const p of w.participants) expect(stored).not.toContain(p.id);
    expect(poll.voters).toHaveLength(3);
    expect(tallyPoll(poll, true).options.map((o) => o.count)).toEqual([1, 2]);
    // Each participant still finds their own answer through their own key.
    const first = w.participants[0]!;
    expect(myAnswer(poll, first.id, { ballotKeyFor: () => keys.get(first.id)! })).toEqual({
      kind: 'single',
      optionId: yes!.id,
    });
  });

  it('refuses an anonymous vote without a ballot key rather than storing the voter id', () => {
    const { w, pollId } = openPoll(room(1), {
      kind: 'single',
      question: 'Q',
      options: options('Yes', 'No'),
      anonymous: true,
    });
    expect(
      vote(w, pollId, w.participants[0]!.id, {
        kind: 'single',
        optionId: w.polls[0]!.options[0]!.id,
      }),
    ).toMatchObject({ ok: false, code: 'internal' });
  });
});

describe('tallies', () => {
  const w0 = room(4);
  const ps = w0.participants.map((p) => p.id);

  it('counts multiple choice per option', () => {
    let { w, pollId } = openPoll(w0, {
      kind: 'multiple',
      question: 'Q',
      options: options('A', 'B', 'C'),
      maxChoices: 2,
      anonymous: false,
    });
    const [a, b] = w.polls[0]!.options.map((o) => o.id);
    w = unwrap(vote(w, pollId, ps[0]!, { kind: 'multiple', optionIds: [a!, b!] }));
    w = unwrap(vote(w, pollId, ps[1]!, { kind: 'multiple', optionIds: [a!] }));
    expect(tallyPoll(w.polls[0]!, true).options.map((o) => o.count)).toEqual([2, 1, 0]);
  });

  it('gives a scale its distribution and mean', () => {
    let { w, pollId } = openPoll(w0, {
      kind: 'scale',
      question: 'Q',
      scale: { min: 1, max: 5, minLabel: 'Low', maxLabel: 'High' },
      anonymous: false,
    });
    for (const [i, v] of [5, 4, 4, 1].entries())
      w = unwrap(vote(w, pollId, ps[i]!, { kind: 'scale', value: v }));
    const r = tallyPoll(w.polls[0]!, true);
    expect(r.distribution).toEqual([1, 0, 0, 2, 1].map((count, i) => ({ value: i + 1, count })));
    expect(r.mean).toBe(3.5);
  });

  it('orders a ranking by average position', () => {
    let { w, pollId } = openPoll(w0, {
      kind: 'ranking',
      question: 'Q',
      options: options('Shelter', 'Hotline', 'Training'),
      anonymous: false,
    });
    const [s, h, t] = w.polls[0]!.options.map((o) => o.id);
    w = unwrap(vote(w, pollId, ps[0]!, { kind: 'ranking', order: [h!, s!, t!] }));
    w = unwrap(vote(w, pollId, ps[1]!, { kind: 'ranking', order: [h!, t!, s!] }));
    const r = tallyPoll(w.polls[0]!, true);
    expect(r.options.map((o) => [o.label, o.averagePosition])).toEqual([
      ['Hotline', 1],
      ['Shelter', 2.5],
      ['Training', 2.5],
    ]);
  });

  it('sums points allocations', () => {
    let { w, pollId } = openPoll(w0, {
      kind: 'points',
      question: 'Q',
      options: options('Prevention', 'Protection'),
      anonymous: false,
    });
    const [a, b] = w.polls[0]!.options.map((o) => o.id);
    w = unwrap(vote(w, pollId, ps[0]!, { kind: 'points', points: { [a!]: 70, [b!]: 30 } }));
    w = unwrap(vote(w, pollId, ps[1]!, { kind: 'points', points: { [a!]: 30, [b!]: 70 } }));
    w = unwrap(vote(w, pollId, ps[2]!, { kind: 'points', points: { [a!]: 100 } }));
    const r = tallyPoll(w.polls[0]!, true);
    expect(r.options.map((o) => [o.points, o.share])).toEqual([
      [200, 200 / 300],
      [100, 100 / 300],
    ]);
  });

  it('builds a word cloud from open answers, a word once per answer, without filler words', () => {
    expect(wordCounts(['Shelter and shelter staff', 'More shelter beds', 'the hotline'])).toEqual([
      { word: 'shelter', count: 2 },
      { word: 'beds', count: 1 },
      { word: 'hotline', count: 1 },
      { word: 'staff', count: 1 },
    ]);
  });

  it('marks quiz answers correct only when asked to', () => {
    let { w, pollId } = openPoll(w0, {
      kind: 'quiz',
      question: 'Consent of a child victim is…',
      options: [{ label: 'Irrelevant', correct: true }, { label: 'Required' }],
      anonymous: false,
    });
    const [right, wrong] = w.polls[0]!.options.map((o) => o.id);
    w = unwrap(vote(w, pollId, ps[0]!, { kind: 'quiz', optionId: right! }));
    w = unwrap(vote(w, pollId, ps[1]!, { kind: 'quiz', optionId: wrong! }));
    expect(tallyPoll(w.polls[0]!, true).correctShare).toBe(0.5);
    expect(tallyPoll(w.polls[0]!, false).correctShare).toBeUndefined();
    expect(tallyPoll(w.polls[0]!, false).options[0]!.correct).toBeUndefined();
  });
});

describe('the knowledge check', () => {
  it('computes before and after shares, the gain, and per-participant scores', () => {
    const w0 = room(4);
    const ps = w0.participants.map((p) => p.id);
    let { w, pollId: pre } = openPoll(w0, {
      kind: 'quiz',
      question: 'Is consent relevant for a child?',
      options: [{ label: 'No', correct: true }, { label: 'Yes' }],
      anonymous: false,
      checkPhase: 'pre',
    });
    const [right, wrong] = w.polls[0]!.options.map((o) => o.id);
    // Before: 1 of 4 correct.
    for (const [i, p] of ps.entries())
      w = unwrap(vote(w, pre, p, { kind: 'quiz', optionId: i === 0 ? right! : wrong! }));
    const twin = unwrap(duplicatePoll(w, { pollId: pre, asTwin: true }, facilitator));
    w = unwrap(setPollState(twin.workshop, { pollId: twin.pollId, state: 'open' }));
    const [right2, wrong2] = w.polls[1]!.options.map((o) => o.id);
    // After: 3 of 4 correct.
    for (const [i, p] of ps.entries())
      w = unwrap(vote(w, twin.pollId, p, { kind: 'quiz', optionId: i === 3 ? wrong2! : right2! }));
    const report = knowledgeCheck(w.polls, w.participants);
    expect(report.questions).toEqual([
      {
        preId: pre,
        postId: twin.pollId,
        question: 'Is consent relevant for a child?',
        pre: 0.25,
        post: 0.75,
        gain: 0.5,
      },
    ]);
    expect(report.overall).toEqual({ pre: 0.25, post: 0.75, gain: 0.5 });
    expect(report.participants.find((s) => s.participantId === ps[0])).toMatchObject({
      pre: { correct: 1, answered: 1 },
      post: { correct: 1, answered: 1 },
    });
    expect(report.participants.find((s) => s.participantId === ps[3])).toMatchObject({
      pre: { correct: 0 },
      post: { correct: 0 },
    });
  });

  it('gives a twin only to a "before" question, once', () => {
    const { w, pollId } = openPoll(room(1), {
      kind: 'quiz',
      question: 'Q',
      options: [{ label: 'A', correct: true }, { label: 'B' }],
      checkPhase: 'pre',
    });
    const twin = unwrap(duplicatePoll(w, { pollId, asTwin: true }, facilitator));
    expect(twin.workshop.polls[1]!.check).toEqual({ phase: 'post', twinId: pollId });
    expect(duplicatePoll(twin.workshop, { pollId, asTwin: true }, facilitator)).toMatchObject({
      ok: false,
    });
    expect(
      duplicatePoll(twin.workshop, { pollId: twin.pollId, asTwin: true }, facilitator),
    ).toMatchObject({ ok: false });
    const deleted = unwrap(deletePoll(twin.workshop, { pollId: twin.pollId }));
    expect(deleted.polls[0]!.check).toEqual({ phase: 'pre', twinId: null });
  });
});

describe('the poll lifecycle', () => {
  it('keeps a poll with votes from changing its options or going back to draft', () => {
    let { w, pollId } = openPoll(room(1), {
      kind: 'single',
      question: 'Q',
      options: options('A', 'B'),
      anonymous: false,
    });
    w = unwrap(
      vote(w, pollId, w.participants[0]!.id, {
        kind: 'single',
        optionId: w.polls[0]!.options[0]!.id,
      }),
    );
    expect(
      updatePoll(
        w,
        {
          pollId,
          options: [
            { label: 'C', correct: false },
            { label: 'D', correct: false },
          ],
        },
        facilitator,
      ),
    ).toMatchObject({ ok: false, code: 'conflict' });
    expect(
      unwrap(updatePoll(w, { pollId, question: 'Q, reworded' }, facilitator)).polls[0]!.question,
    ).toBe('Q, reworded');
    expect(setPollState(w, { pollId, state: 'draft' })).toMatchObject({ ok: false });
    const closed = unwrap(setPollState(w, { pollId, state: 'closed' }));
    const reopened = unwrap(setPollState(closed, { pollId, state: 'open' }));
    expect(reopened.polls[0]!.voters).toHaveLength(1);
  });

  it('reveals only an opened poll, and a duplicate starts empty in draft', () => {
    const w0 = room(1);
    const { workshop: w, pollId } = unwrap(
      createPoll(
        w0,
        CommandInputs['poll.create'].parse({
          kind: 'single',
          question: 'Q',
          options: options('A', 'B'),
        }),
        facilitator,
      ),
    );
    expect(revealPoll(w, { pollId, revealed: true })).toMatchObject({ ok: false });
    const copy = unwrap(duplicatePoll(w, { pollId, asTwin: false }, facilitator));
    expect(copy.workshop.polls[1]).toMatchObject({
      state: 'draft',
      voters: [],
      ballots: {},
      question: 'Q',
    });
    expect(copy.workshop.polls[1]!.options[0]!.id).not.toBe(w.polls[0]!.options[0]!.id);
  });

  it('refuses a quiz without a correct option and a choice poll without two options', () => {
    const bad1 = createPoll(
      room(0),
      CommandInputs['poll.create'].parse({
        kind: 'quiz',
        question: 'Q',
        options: options('A', 'B'),
      }),
      facilitator,
    );
    expect(bad1).toMatchObject({ ok: false, field: 'options' });
    const bad2 = createPoll(
      room(0),
      CommandInputs['poll.create'].parse({ kind: 'single', question: 'Q', options: options('A') }),
      facilitator,
    );
    expect(bad2).toMatchObject({ ok: false, field: 'options' });
  });
});
