import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  COMMANDS,
  CommandInputs,
  DEFAULT_CRITERIA,
  assignToGroup,
  createGroup,
  joinWorkshop,
  launchExercise,
  myRatings,
  ratingsAudience,
  reviewResults,
  reviewsFor,
  reviewsOf,
  setProjection,
  type CommandInput,
  type DomainContext,
  type Workshop,
} from '@plenary/shared';
import {
  practiceProgress,
  practiceText,
  readPractice,
  setText,
  shiftIndex,
  textChange,
} from '@plenary/shared/docs';
import { context, unwrap, workshop } from './fixtures.js';

const ctx = context();
const as = (participantId: string): DomainContext => ({
  ...ctx,
  actor: { role: 'participant', participantId },
});

/** Runs a command through the table, as the server does, with its input parsed. */
function run<K extends keyof typeof CommandInputs>(
  w: Workshop,
  name: K,
  input: unknown,
  c: DomainContext = ctx,
) {
  const parsed = CommandInputs[name].parse(input) as CommandInput<K>;
  return COMMANDS[name].apply(w, parsed, c);
}
const apply = <K extends keyof typeof CommandInputs>(
  w: Workshop,
  name: K,
  input: unknown,
  c: DomainContext = ctx,
) => unwrap(run(w, name, input, c)).workshop;

const criteria = DEFAULT_CRITERIA.slice(0, 3).map(({ label, description, anchors }) => ({
  label,
  description,
  anchors,
}));

/**
 * Three city groups (Manila: ana, ben; Bangkok: chai; Hanoi: dao) with a practice write-up
 * exercise, and a round on it with the first three default criteria.
 */
function setup(mode: 'participant' | 'group' = 'participant') {
  let w = workshop('blank', ctx);
  const people: Record<string, string> = {};
  for (const name of ['ana', 'ben', 'chai', 'dao', 'eve']) {
    const joined = unwrap(
      joinWorkshop(w, { name, country: 'PH', city: '', organisation: '', role: '' }, 'h', ctx),
    );
    w = joined.workshop;
    people[name] = joined.participant.id;
  }
  const groups: Record<string, string> = {};
  for (const name of ['Manila', 'Bangkok', 'Hanoi']) {
    const made = unwrap(createGroup(w, { name }, ctx));
    w = made.workshop;
    groups[name] = made.groupId;
  }
  const place = (who: string, group: string) =>
    (w = unwrap(assignToGroup(w, { participantId: people[who]!, groupId: groups[group]! })));
  place('ana', 'Manila');
  place('ben', 'Manila');
  place('chai', 'Bangkok');
  place('dao', 'Hanoi');
  // eve is in no group: an observer.
  const launched = unwrap(
    launchExercise(
      w,
      CommandInputs['exercise.launch'].parse({ title: 'Our practice', kind: 'practice' }),
      ctx,
    ),
  );
  w = launched.workshop;
  const opened = unwrap(run(w, 'review.open', { exerciseId: launched.exerciseId, mode, criteria }));
  w = opened.workshop;
  const roundId = opened.result.roundId;
  const round = reviewsOf(w)[0]!;
  const [c1, c2, c3] = round.criteria.map((c) => c.id) as [string, string, string];
  const rate = (
    state: Workshop,
    who: string,
    target: string,
    asWhat: 'self' | 'peer',
    scores: Record<string, number>,
    comment = '',
  ) => {
    const r = run(
      state,
      'review.rate',
      { roundId, targetGroupId: groups[target], as: asWhat, scores, comment },
      as(people[who]!),
    );
    return r.ok ? { ok: true as const, value: r.value.workshop } : r;
  };
  return { w, people, groups, roundId, exerciseId: launched.exerciseId, c1, c2, c3, rate };
}

describe('opening a peer-review round', () => {
  it('opens on a practice write-up, reveals the write-ups to every group, and gives new ids', () => {
    const { w, exerciseId } = setup();
    const round = reviewsOf(w)[0]!;
    expect(round).toMatchObject({ exerciseId, mode: 'participant', state: 'open' });
    expect(round.criteria.map((c) => c.label)).toEqual([
      'Relevance',
      'Effectiveness',
      'Victim-centredness',
    ]);
    expect(round.criteria[2]!.anchors.high).toMatch(/safety/);
    expect(w.exercises.find((e) => e.id === exerciseId)!.revealed).toBe(true);
  });

  it('refuses a second round on the same exercise and a round on another kind of exercise', () => {
    const { w, exerciseId } = setup();
    expect(run(w, 'review.open', { exerciseId, criteria })).toMatchObject({ code: 'conflict' });
    const plan = unwrap(
      launchExercise(
        w,
        CommandInputs['exercise.launch'].parse({ title: 'Plan', kind: 'action-plan' }),
        ctx,
      ),
    );
    expect(
      run(plan.workshop, 'review.open', { exerciseId: plan.exerciseId, criteria }),
    ).toMatchObject({ ok: false, code: 'conflict', message: /practice write-up/ });
  });

  it('refuses two criteria with the same name and a round without criteria', () => {
    const { w } = setup();
    const ex = unwrap(
      launchExercise(
        w,
        CommandInputs['exercise.launch'].parse({ title: 'Second', kind: 'practice' }),
        ctx,
      ),
    );
    expect(
      run(ex.workshop, 'review.open', {
        exerciseId: ex.exerciseId,
        criteria: [{ label: 'Reach' }, { label: 'reach' }],
      }),
    ).toMatchObject({ ok: false, code: 'bad_request' });
    expect(
      CommandInputs['review.open'].safeParse({ exerciseId: ex.exerciseId, criteria: [] }).success,
    ).toBe(false);
  });

  it('treats a workshop stored before peer review as having no rounds', () => {
    const { reviews: _none, ...old } = workshop();
    expect(reviewsOf(old as Workshop)).toEqual([]);
    expect(reviewsFor(old as Workshop, true)).toEqual([]);
  });
});

describe('rating practices', () => {
  it('saves a self-assessment for the whole group, which any member can change', () => {
    const { w, rate, groups, c1, people, roundId } = setup();
    const one = unwrap(rate(w, 'ana', 'Manila', 'self', { [c1]: 2 }));
    const two = unwrap(rate(one, 'ben', 'Manila', 'self', { [c1]: 3 }, 'We lack data'));
    const ratings = reviewsOf(two)[0]!.ratings;
    expect(ratings).toHaveLength(1);
    expect(ratings[0]).toMatchObject({
      rater: { kind: 'group', id: groups.Manila },
      self: true,
      scores: { [c1]: 3 },
      comment: 'We lack data',
      updatedBy: people.ben,
    });
    expect(myRatings(two, people.ana!)).toEqual([
      expect.objectContaining({ roundId, targetGroupId: groups.Manila, self: true }),
    ]);
  });

  it('refuses a peer rating of the rater’s own group, and a self-assessment of another group', () => {
    const { w, rate, c1 } = setup();
    expect(rate(w, 'ana', 'Manila', 'peer', { [c1]: 5 })).toMatchObject({
      ok: false,
      code: 'forbidden',
      message: /own group/,
    });
    expect(rate(w, 'ana', 'Bangkok', 'self', { [c1]: 5 })).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(rate(w, 'eve', 'Bangkok', 'self', { [c1]: 5 })).toMatchObject({ code: 'forbidden' });
  });

  it('lets each participant rate other groups once, a second rating replacing the first', () => {
    const { w, rate, c1, people } = setup();
    let s = unwrap(rate(w, 'ana', 'Bangkok', 'peer', { [c1]: 2 }));
    s = unwrap(rate(s, 'ana', 'Bangkok', 'peer', { [c1]: 4 }, 'Clear steps'));
    s = unwrap(rate(s, 'eve', 'Bangkok', 'peer', { [c1]: 5 }));
    const ratings = reviewsOf(s)[0]!.ratings;
    expect(ratings.map((r) => [r.rater.id, r.scores[c1]])).toEqual([
      [people.ana, 4],
      [people.eve, 5],
    ]);
  });

  it('refuses scores for unknown criteria, out of range or missing, and ratings of unknown groups', () => {
    const { w, rate, c1, roundId, people } = setup();
    expect(rate(w, 'ana', 'Bangkok', 'peer', { nope: 3 })).toMatchObject({
      code: 'bad_request',
    });
    expect(rate(w, 'ana', 'Bangkok', 'peer', {})).toMatchObject({ code: 'bad_request' });
    expect(
      CommandInputs['review.rate'].safeParse({
        roundId,
        targetGroupId: 'g',
        as: 'peer',
        scores: { [c1]: 6 },
      }).success,
    ).toBe(false);
    expect(
      run(
        w,
        'review.rate',
        { roundId, targetGroupId: 'gone', as: 'peer', scores: { [c1]: 3 } },
        as(people.ana!),
      ),
    ).toMatchObject({ code: 'not_found' });
  });

  it('refuses every rating once the round is closed, changing nothing, and accepts them again when reopened', () => {
    const { w, rate, c1, roundId } = setup();
    const rated = unwrap(rate(w, 'ana', 'Bangkok', 'peer', { [c1]: 4 }));
    const closed = apply(rated, 'review.setState', { roundId, state: 'closed' });
    expect(reviewsOf(closed)[0]!.closedAt).toBe(ctx.now);
    for (const attempt of [
      rate(closed, 'ana', 'Bangkok', 'peer', { [c1]: 1 }),
      rate(closed, 'chai', 'Bangkok', 'self', { [c1]: 1 }),
    ])
      expect(attempt).toMatchObject({ ok: false, code: 'conflict', message: /closed/ });
    const reopened = apply(closed, 'review.setState', { roundId, state: 'open' });
    expect(rate(reopened, 'ana', 'Bangkok', 'peer', { [c1]: 1 }).ok).toBe(true);
  });

  it('in a group round, rates for the whole group and refuses participants in no group', () => {
    const { w, rate, c1, groups, people } = setup('group');
    let s = unwrap(rate(w, 'ana', 'Bangkok', 'peer', { [c1]: 2 }));
    s = unwrap(rate(s, 'ben', 'Bangkok', 'peer', { [c1]: 4 }));
    const ratings = reviewsOf(s)[0]!.ratings;
    expect(ratings).toHaveLength(1);
    expect(ratings[0]).toMatchObject({ rater: { kind: 'group', id: groups.Manila } });
    expect(rate(s, 'eve', 'Bangkok', 'peer', { [c1]: 3 })).toMatchObject({ code: 'forbidden' });
    expect(rate(s, 'chai', 'Bangkok', 'peer', { [c1]: 3 })).toMatchObject({ code: 'forbidden' });
    // Ben sees what Ana saved for the group; Chai, who was rated, does not.
    expect(myRatings(s, people.ben!)).toHaveLength(1);
    expect(myRatings(s, people.chai!)).toHaveLength(0);
  });

  it('refuses ratings from the facilitator', () => {
    const { w, c1, roundId, groups } = setup();
    expect(
      run(w, 'review.rate', {
        roundId,
        targetGroupId: groups.Bangkok,
        as: 'peer',
        scores: { [c1]: 3 },
      }),
    ).toMatchObject({ code: 'forbidden' });
  });
});

describe('changing a round', () => {
  it('changes the mode and criteria until someone rates, then only the wording', () => {
    const { w, rate, roundId, c1 } = setup();
    const round = () => reviewsOf(s)[0]!;
    let s = apply(w, 'review.update', { roundId, mode: 'group' });
    expect(round().mode).toBe('group');
    s = unwrap(rate(s, 'ana', 'Bangkok', 'peer', { [c1]: 3 }));
    const kept = round().criteria.map((c) => ({ ...c, label: `${c.label}!` }));
    s = apply(s, 'review.update', { roundId, criteria: kept });
    expect(round().criteria.map((c) => c.label)).toEqual([
      'Relevance!',
      'Effectiveness!',
      'Victim-centredness!',
    ]);
    expect(run(s, 'review.update', { roundId, mode: 'participant' })).toMatchObject({
      code: 'conflict',
    });
    expect(
      run(s, 'review.update', { roundId, criteria: [...kept, { label: 'Cost' }] }),
    ).toMatchObject({ code: 'conflict' });
  });

  it('shows results only once closed, and hides them again when reopened', () => {
    const { w, roundId } = setup();
    expect(run(w, 'review.reveal', { roundId, revealed: true })).toMatchObject({
      code: 'conflict',
    });
    let s = apply(w, 'review.setState', { roundId, state: 'closed' });
    expect(reviewsFor(s, false)[0]!.results).toBeNull();
    expect(reviewsFor(s, true)[0]!.results).not.toBeNull();
    s = apply(s, 'review.reveal', { roundId, revealed: true });
    expect(reviewsFor(s, false)[0]!.results).not.toBeNull();
    s = apply(s, 'review.setState', { roundId, state: 'open' });
    expect(reviewsOf(s)[0]!.revealed).toBe(false);
  });

  it('puts the comparison on the projector and takes it off when the round is deleted', () => {
    const { w, roundId, exerciseId } = setup();
    const shown = unwrap(setProjection(w, { target: { kind: 'review', exerciseId } }));
    expect(shown.projection).toEqual({ kind: 'review', exerciseId });
    const deleted = apply(shown, 'review.delete', { roundId });
    expect(reviewsOf(deleted)).toEqual([]);
    expect(deleted.projection).toEqual({ kind: 'activity' });
    expect(setProjection(deleted, { target: { kind: 'review', exerciseId } })).toMatchObject({
      code: 'not_found',
    });
  });
});

/** The three groups rated: Manila modest about itself, Bangkok generous, Hanoi unrated by itself. */
function rated() {
  const t = setup();
  const { rate, c1, c2, c3 } = t;
  let w = t.w;
  const step = (r: ReturnType<typeof rate>) => (w = unwrap(r));
  step(rate(w, 'ana', 'Manila', 'self', { [c1]: 4, [c2]: 2, [c3]: 3 }, 'Data is thin'));
  step(rate(w, 'chai', 'Bangkok', 'self', { [c1]: 5, [c2]: 5, [c3]: 4 }));
  // Peers of Manila: chai, dao, eve.
  step(rate(w, 'chai', 'Manila', 'peer', { [c1]: 4, [c2]: 3, [c3]: 5 }, 'Strong shelter links'));
  step(rate(w, 'dao', 'Manila', 'peer', { [c1]: 5, [c2]: 4, [c3]: 4 }));
  step(rate(w, 'eve', 'Manila', 'peer', { [c1]: 3, [c2]: 2 }, '  '));
  // Peers of Bangkok: ana, ben, dao.
  step(rate(w, 'ana', 'Bangkok', 'peer', { [c1]: 3, [c2]: 4, [c3]: 2 }, 'Hotline reach is wide'));
  step(rate(w, 'ben', 'Bangkok', 'peer', { [c1]: 3, [c2]: 5, [c3]: 2 }));
  step(rate(w, 'dao', 'Bangkok', 'peer', { [c1]: 3, [c2]: 3, [c3]: 3 }));
  // Peers of Hanoi: ana only.
  step(rate(w, 'ana', 'Hanoi', 'peer', { [c1]: 4, [c2]: 2, [c3]: 5 }));
  const round = reviewsOf(w)[0]!;
  return { ...t, w, results: reviewResults(w, round) };
}

describe('what a round adds up to', () => {
  it('gives per criterion the self score, the peers’ mean, range, distribution and the gap', () => {
    const { results, groups, c1, c2, c3 } = rated();
    const manila = results.practices.find((p) => p.groupId === groups.Manila)!;
    const [r1, r2, r3] = manila.criteria;
    expect(r1).toMatchObject({ criterionId: c1, self: 4, peerMean: 4, peerMin: 3, peerMax: 5 });
    expect(r1!.peerCount).toBe(3);
    expect(r1!.distribution).toEqual([0, 0, 1, 1, 1]);
    expect(r1!.gap).toBe(0);
    expect(r2).toMatchObject({ criterionId: c2, self: 2, peerMin: 2, peerMax: 4 });
    expect(r2!.peerMean).toBeCloseTo(3);
    expect(r2!.gap).toBeCloseTo(-1);
    // Eve left the third criterion out: two peers scored it.
    expect(r3).toMatchObject({ criterionId: c3, self: 3, peerMean: 4.5, peerCount: 2 });
    expect(r3!.gap).toBeCloseTo(-1.5);
    expect(manila.peerRaters).toBe(3);
    expect(manila.selfComment).toBe('Data is thin');
    expect(manila.selfOverall).toBeCloseTo(3);
    expect(manila.peerOverall).toBeCloseTo((4 + 3 + 4.5) / 3);
  });

  it('shows a group that rated itself higher than its peers did as a positive gap', () => {
    const { results, groups } = rated();
    const bangkok = results.practices.find((p) => p.groupId === groups.Bangkok)!;
    expect(bangkok.criteria.map((c) => c.gap)).toEqual([
      5 - 3,
      expect.closeTo(5 - 4, 9),
      expect.closeTo(4 - 7 / 3, 9),
    ]);
  });

  it('keeps the written comments only, unsigned when participants rated', () => {
    const { results, groups } = rated();
    const manila = results.practices.find((p) => p.groupId === groups.Manila)!;
    expect(manila.comments).toEqual([{ text: 'Strong shelter links', fromGroupId: null }]);
  });

  it('leaves a practice nobody rated without means, and one that did not self-assess without self scores', () => {
    const { results, groups } = rated();
    const hanoi = results.practices.find((p) => p.groupId === groups.Hanoi)!;
    expect(hanoi.selfRated).toBe(false);
    expect(hanoi.criteria.every((c) => c.self === null && c.gap === null)).toBe(true);
    const { results: empty } = (() => {
      const t = setup();
      return { results: reviewResults(t.w, reviewsOf(t.w)[0]!) };
    })();
    expect(empty.practices).toHaveLength(3);
    expect(empty.practices.every((p) => p.peerOverall === null && p.peerRaters === 0)).toBe(true);
    expect(empty.rankings.every((r) => r.entries.length === 0)).toBe(true);
    expect(empty.borrow).toEqual([]);
  });

  it('ranks the practices per criterion by peer mean, equal means sharing a rank', () => {
    const { results, groups, c1, c2, c3 } = rated();
    const ranking = (id: string) =>
      results.rankings
        .find((r) => r.criterionId === id)!
        .entries.map((e) => [e.groupId, e.rank, Math.round(e.peerMean * 100) / 100]);
    expect(ranking(c1)).toEqual([
      [groups.Manila, 1, 4],
      [groups.Hanoi, 1, 4],
      [groups.Bangkok, 3, 3],
    ]);
    expect(ranking(c2)).toEqual([
      [groups.Bangkok, 1, 4],
      [groups.Manila, 2, 3],
      [groups.Hanoi, 3, 2],
    ]);
    expect(ranking(c3)).toEqual([
      [groups.Hanoi, 1, 5],
      [groups.Manila, 2, 4.5],
      [groups.Bangkok, 3, 2.33],
    ]);
    // Overall: Manila (4 + 3 + 4.5) / 3, Hanoi (4 + 2 + 5) / 3, Bangkok (3 + 4 + 7/3) / 3.
    expect(results.overall.map((e) => e.groupId)).toEqual([
      groups.Manila,
      groups.Hanoi,
      groups.Bangkok,
    ]);
  });

  it('suggests what to borrow: where a group rated itself lowest, the practice peers rated highest', () => {
    const { results, groups, c2, c3 } = rated();
    // Manila rated itself lowest on the second criterion (2): Bangkok is best there (4).
    // Bangkok rated itself lowest on the third (4): Hanoi is best there (5), above Bangkok's 4.
    // Hanoi did not assess itself: no suggestion.
    expect(results.borrow).toEqual([
      {
        groupId: groups.Manila,
        criterionId: c2,
        selfScore: 2,
        from: [{ groupId: groups.Bangkok, peerMean: 4 }],
      },
      {
        groupId: groups.Bangkok,
        criterionId: c3,
        selfScore: 4,
        from: [{ groupId: groups.Hanoi, peerMean: 5 }],
      },
    ]);
  });

  it('suggests nothing where no other practice was rated above the group’s own score', () => {
    const t = setup();
    let w = unwrap(t.rate(t.w, 'ana', 'Manila', 'self', { [t.c1]: 5, [t.c2]: 5, [t.c3]: 5 }));
    w = unwrap(t.rate(w, 'ana', 'Bangkok', 'peer', { [t.c1]: 5, [t.c2]: 4 }));
    expect(reviewResults(w, reviewsOf(w)[0]!).borrow).toEqual([]);
  });

  it('names the rating group of each comment in a group round', () => {
    const t = setup('group');
    const w = unwrap(t.rate(t.w, 'chai', 'Manila', 'peer', { [t.c1]: 4 }, 'Copy the MoU'));
    const manila = reviewResults(w, reviewsOf(w)[0]!).practices[0]!;
    expect(manila.comments).toEqual([{ text: 'Copy the MoU', fromGroupId: t.groups.Bangkok }]);
  });
});

describe('who is told about ratings', () => {
  it('tells the rater, or every member of the rating group, and nobody else', () => {
    const t = setup();
    const after = unwrap(t.rate(t.w, 'eve', 'Bangkok', 'peer', { [t.c1]: 4 }));
    expect([...ratingsAudience(t.w, after)]).toEqual([t.people.eve]);
    const self = unwrap(t.rate(after, 'ana', 'Manila', 'self', { [t.c1]: 4 }));
    expect([...ratingsAudience(after, self)].sort()).toEqual([t.people.ana, t.people.ben].sort());
  });

  it('tells a participant who moves to another group, whose ratings are now theirs', () => {
    const t = setup();
    const self = unwrap(t.rate(t.w, 'chai', 'Bangkok', 'self', { [t.c1]: 4 }));
    const moved = unwrap(
      assignToGroup(self, { participantId: t.people.ana!, groupId: t.groups.Bangkok! }),
    );
    expect([...ratingsAudience(self, moved)]).toEqual([t.people.ana]);
    expect(myRatings(moved, t.people.ana!)).toHaveLength(1);
  });
});

describe('the practice write-up document', () => {
  it('reads every section and counts the written ones', () => {
    const doc = new Y.Doc();
    setText(practiceText(doc, 'name'), 'Joint inspections of fishing boats');
    setText(practiceText(doc, 'problem'), 'Forced labour at sea goes unseen.');
    setText(practiceText(doc, 'lessons'), '   ');
    expect(readPractice(doc)).toMatchObject({
      name: 'Joint inspections of fishing boats',
      problem: 'Forced labour at sea goes unseen.',
      results: '',
    });
    expect(practiceProgress(doc)).toEqual({ done: 2, total: 8 });
  });

  it('finds the one edit between two texts', () => {
    expect(textChange('abcdef', 'abXYef')).toEqual({ index: 2, remove: 2, insert: 'XY' });
    expect(textChange('aaa', 'aaaa')).toEqual({ index: 3, remove: 0, insert: 'a' });
    expect(textChange('hello', '')).toEqual({ index: 0, remove: 5, insert: '' });
  });

  it('keeps both people’s words when two edit different places of a section at once', () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    setText(practiceText(a, 'action'), 'Police and labour inspectors board together.');
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    setText(practiceText(a, 'action'), 'Police, navy and labour inspectors board together.');
    setText(practiceText(b, 'action'), 'Police and labour inspectors board together, monthly.');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    const merged = 'Police, navy and labour inspectors board together, monthly.';
    expect(practiceText(a, 'action').toString()).toBe(merged);
    expect(practiceText(b, 'action').toString()).toBe(merged);
  });

  it('moves a caret by what a remote edit inserted or deleted before it', () => {
    expect(shiftIndex(5, [{ insert: 'abc' }])).toBe(8);
    expect(shiftIndex(5, [{ retain: 5 }, { insert: 'abc' }])).toBe(5);
    expect(shiftIndex(5, [{ retain: 2 }, { delete: 2 }])).toBe(3);
    expect(shiftIndex(5, [{ retain: 3 }, { delete: 10 }])).toBe(3);
    expect(shiftIndex(5, [{ retain: 6 }, { delete: 1 }])).toBe(5);
  });
});
