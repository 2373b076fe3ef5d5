import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_CRITERIA,
  type MyRating,
  type ReviewMode,
  type ReviewRoundView,
} from '@plenary/shared';
import { practiceText, setText } from '@plenary/shared/docs';
import { connect, createWorkshop, eventually, join, send, startServer } from './harness.js';
import type { Live, Running } from './harness.js';
import { openDoc, type DocClient } from './docs-harness.js';

let running: Running;
const lives: Live[] = [];
const docs: DocClient[] = [];
beforeEach(async () => {
  running = await startServer();
});
afterEach(async () => {
  for (const d of docs.splice(0)) d.destroy();
  for (const l of lives.splice(0)) l.socket.close();
  await running.close();
});

/** What one connection was told about peer review, latest first. */
function watch(live: Live) {
  let reviews: ReviewRoundView[] = live.welcome.reviews;
  let mine: MyRating[] = live.welcome.myRatings;
  let reviewEvents = 0;
  let mineEvents = 0;
  live.socket.on('reviews', (r) => {
    reviews = r;
    reviewEvents++;
  });
  live.socket.on('review.mine', (r) => {
    mine = r;
    mineEvents++;
  });
  return {
    reviews: () => reviews,
    mine: () => mine,
    counts: () => ({ reviews: reviewEvents, mine: mineEvents }),
  };
}

const CRITERIA = DEFAULT_CRITERIA.slice(0, 3).map(({ label, description, anchors }) => ({
  label,
  description,
  anchors,
}));

/**
 * Three city groups with a practice write-up: Ana and Ben in Manila, Chai in Bangkok, Dao in
 * Hanoi; a facilitator, a projector, and a peer-review round in the given mode.
 */
async function setup(mode: ReviewMode = 'participant') {
  const w = await createWorkshop(running.url, { title: 'Peer exchange on identification' });
  const facilitator = await connect(running.url, w.id, {
    kind: 'facilitator',
    key: w.facilitatorKey,
  });
  const screen = await connect(running.url, w.id, { kind: 'screen', key: w.screenKey });
  lives.push(facilitator, screen);
  const names = ['Ana', 'Ben', 'Chai', 'Dao'] as const;
  const joined = await Promise.all(names.map((n) => join(running.url, w.joinCode, n)));
  const groups: Record<string, string> = {};
  for (const city of ['Manila', 'Bangkok', 'Hanoi']) {
    const made = await send(facilitator, 'group.create', { name: city });
    if (!made.ok) throw new Error(made.message);
    groups[city] = made.groupId;
  }
  const home = ['Manila', 'Manila', 'Bangkok', 'Hanoi'];
  for (const [i, j] of joined.entries())
    await send(facilitator, 'group.assign', {
      participantId: j.participantId,
      groupId: groups[home[i]!]!,
    });
  const launched = await send(facilitator, 'exercise.launch', {
    title: 'Our practice',
    kind: 'practice',
  });
  if (!launched.ok) throw new Error(launched.message);
  const exerciseId = launched.exerciseId;
  const live = await Promise.all(
    joined.map((j) => connect(running.url, w.id, { kind: 'participant', token: j.token })),
  );
  lives.push(...live);
  const f = watch(facilitator);
  const [ana, ben, chai, dao] = live as [Live, Live, Live, Live];
  const person = { ana, ben, chai, dao };
  const heard = {
    ana: watch(ana),
    ben: watch(ben),
    chai: watch(chai),
    dao: watch(dao),
    screen: watch(screen),
  };
  const opened = await send(facilitator, 'review.open', { exerciseId, mode, criteria: CRITERIA });
  if (!opened.ok) throw new Error(opened.message);
  const roundId = opened.roundId;
  await eventually(() => {
    expect(f.reviews()).toHaveLength(1);
    for (const h of Object.values(heard)) expect(h.reviews()).toHaveLength(1);
  });
  const criteria = f.reviews()[0]!.criteria.map((c) => c.id);
  const rate = (who: Live, target: string, as: 'self' | 'peer', scores: number[], comment = '') =>
    send(who, 'review.rate', {
      roundId,
      targetGroupId: groups[target]!,
      as,
      scores: Object.fromEntries(scores.map((s, i) => [criteria[i]!, s])),
      comment,
    });
  const stored = async () => JSON.stringify((await running.server.workshops.get(w.id))!.workshop);
  return {
    w,
    facilitator,
    screen,
    person,
    joined,
    groups,
    exerciseId,
    roundId,
    criteria,
    rate,
    stored,
    f,
    heard,
  };
}

describe('rating practices over real sockets', () => {
  it('refuses a participant’s peer rating of their own group, changing nothing', async () => {
    const { person, rate, stored } = await setup();
    const before = await stored();
    expect(await rate(person.ana, 'Manila', 'peer', [5, 5, 5])).toMatchObject({
      ok: false,
      code: 'forbidden',
      message: expect.stringMatching(/own group/),
    });
    expect(await rate(person.chai, 'Manila', 'self', [5, 5, 5])).toMatchObject({
      ok: false,
      code: 'forbidden',
    });
    expect(await stored()).toBe(before);
  });

  it('lets the facilitator change the criteria until the first rating, then only their wording', async () => {
    const { person, rate, stored, facilitator, roundId, criteria, f, heard } = await setup();
    const current = () => f.reviews()[0]!.criteria;
    // Nobody has rated: one criterion dropped, one renamed, and who rates changed.
    expect(
      await send(facilitator, 'review.update', {
        roundId,
        mode: 'group',
        criteria: current()
          .slice(0, 2)
          .map((c, i) => ({ ...c, label: i === 0 ? 'Could another city copy it?' : c.label })),
      }),
    ).toEqual({ ok: true });
    await eventually(() => {
      for (const h of [f, ...Object.values(heard)]) {
        expect(h.reviews()[0]!.criteria.map((c) => c.label)[0]).toBe('Could another city copy it?');
        expect(h.reviews()[0]!.criteria).toHaveLength(2);
        expect(h.reviews()[0]!.mode).toBe('group');
      }
    });
    expect(current().map((c) => c.id)).toEqual(criteria.slice(0, 2));

    // Someone has rated: adding a criterion or changing who rates is refused, changing nothing.
    expect(await rate(person.ana, 'Manila', 'self', [4, 2])).toEqual({ ok: true });
    const before = await stored();
    for (const change of [
      { criteria: [...current(), { label: 'Partnership', description: '' }] },
      { mode: 'participant' as const },
      { criteria: current().slice(0, 1) },
    ])
      expect(await send(facilitator, 'review.update', { roundId, ...change })).toMatchObject({
        ok: false,
        code: 'conflict',
        message: expect.stringMatching(/only the wording/),
      });
    expect(await stored()).toBe(before);

    // The wording may still change; the score given stays with its criterion.
    expect(
      await send(facilitator, 'review.update', {
        roundId,
        criteria: current().map((c) => ({ ...c, description: `${c.description} (reworded)` })),
      }),
    ).toEqual({ ok: true });
    await eventually(() =>
      expect(heard.ana!.reviews()[0]!.criteria[1]!.description).toMatch(/\(reworded\)$/),
    );
    const mine = heard.ana!.mine().find((r) => r.self)!;
    expect(mine.scores).toEqual({ [criteria[0]!]: 4, [criteria[1]!]: 2 });
  });

  it('refuses every rating after the facilitator closes the round, and changes nothing', async () => {
    const { person, rate, stored, facilitator, roundId } = await setup();
    expect(await rate(person.ana, 'Bangkok', 'peer', [4, 3, 2], 'Good reach')).toEqual({
      ok: true,
    });
    expect(await send(facilitator, 'review.setState', { roundId, state: 'closed' })).toEqual({
      ok: true,
    });
    const before = await stored();
    for (const attempt of [
      rate(person.ana, 'Bangkok', 'peer', [1, 1, 1], 'Changed my mind'),
      rate(person.dao, 'Bangkok', 'peer', [5, 5, 5]),
      rate(person.chai, 'Bangkok', 'self', [5, 5, 5]),
    ])
      expect(await attempt).toMatchObject({
        ok: false,
        code: 'conflict',
        message: expect.stringMatching(/closed/),
      });
    expect(await stored()).toBe(before);
  });

  it('in a group round, keeps one rating per group that every member sees and can change', async () => {
    const { person, rate, f, groups, heard } = await setup('group');
    const { ben, chai } = heard;
    expect(await rate(person.ana, 'Bangkok', 'peer', [2, 3, 4], 'Ana wrote this')).toEqual({
      ok: true,
    });
    await eventually(() =>
      expect(ben.mine()).toEqual([
        expect.objectContaining({
          targetGroupId: groups.Bangkok,
          self: false,
          comment: 'Ana wrote this',
        }),
      ]),
    );
    expect(await rate(person.ben, 'Bangkok', 'peer', [4, 4, 4], 'Ben changed it')).toEqual({
      ok: true,
    });
    await eventually(() => {
      const progress = f.reviews()[0]!.progress!.find((p) => p.groupId === groups.Bangkok)!;
      expect(progress).toMatchObject({ peers: 1, expected: 2, selfDone: false });
      expect(ben.mine()[0]!.comment).toBe('Ben changed it');
    });
    // Bangkok, the rated group, is not told who rated it or how.
    expect(chai.counts().mine).toBe(0);
    expect(chai.mine()).toEqual([]);
    // Ana's group rated; Ana herself cannot add a second rating of Bangkok as a person.
    const results = f.reviews()[0]!.results!;
    const bangkok = results.practices.find((p) => p.groupId === groups.Bangkok)!;
    expect(bangkok.peerRaters).toBe(1);
    expect(bangkok.criteria.map((c) => c.peerMean)).toEqual([4, 4, 4]);
    expect(bangkok.comments).toEqual([{ text: 'Ben changed it', fromGroupId: groups.Manila }]);
  });

  it('gives a participant who comes back their own and their group’s ratings in the welcome', async () => {
    const { person, rate, w, joined, groups } = await setup();
    await rate(person.ana, 'Bangkok', 'peer', [3, 3, 3]);
    await rate(person.ben, 'Manila', 'self', [4, 2, 3], 'We need data');
    const again = await connect(running.url, w.id, {
      kind: 'participant',
      token: joined[0]!.token,
    });
    lives.push(again);
    expect(again.welcome.myRatings.map((r) => [r.targetGroupId, r.self]).sort()).toEqual(
      [
        [groups.Bangkok, false],
        [groups.Manila, true],
      ].sort(),
    );
    expect(again.welcome.reviews[0]).toMatchObject({ state: 'open', results: null });
  });
});

describe('who sees the comparison', () => {
  it('shows results to the facilitator at once, and to participants and the projector only once revealed', async () => {
    const { person, rate, f, screen, facilitator, roundId, exerciseId, groups, joined, heard } =
      await setup();
    const { ana, dao, screen: projector } = heard;
    const audienceEvents = projector.counts().reviews;
    await rate(person.ana, 'Bangkok', 'peer', [4, 3, 2], 'Copy the hotline script');
    await rate(person.chai, 'Bangkok', 'self', [5, 5, 5]);
    await rate(person.dao, 'Bangkok', 'peer', [2, 3, 4]);
    await eventually(() => {
      const bangkok = f.reviews()[0]!.results!.practices.find((p) => p.groupId === groups.Bangkok)!;
      expect(bangkok.criteria.map((c) => [c.self, c.peerMean, c.gap])).toEqual([
        [5, 3, 2],
        [5, 3, 2],
        [5, 3, 2],
      ]);
    });
    // Ratings went to their raters only; the audience heard of no change worth sending.
    await eventually(() => expect(ana.mine()).toHaveLength(1));
    expect(dao.mine()).toHaveLength(1);
    expect(ana.reviews()[0]!.results).toBeNull();
    expect(projector.reviews()[0]!.results).toBeNull();
    expect(projector.counts().reviews).toBe(audienceEvents);

    await send(facilitator, 'review.setState', { roundId, state: 'closed' });
    await eventually(() => expect(ana.reviews()[0]!.state).toBe('closed'));
    expect(ana.reviews()[0]!.results).toBeNull();
    expect(await send(facilitator, 'review.reveal', { roundId, revealed: true })).toEqual({
      ok: true,
    });
    expect(
      await send(facilitator, 'screen.show', { target: { kind: 'review', exerciseId } }),
    ).toEqual({ ok: true });
    await eventually(() => {
      for (const who of [ana, dao, projector]) {
        const bangkok = who
          .reviews()[0]!
          .results?.practices.find((p) => p.groupId === groups.Bangkok);
        expect(bangkok?.comments).toEqual([{ text: 'Copy the hotline script', fromGroupId: null }]);
      }
      expect(screen.session().projection).toEqual({ kind: 'review', exerciseId });
    });
    // What participants and the projector get never says who rated what.
    const told = JSON.stringify([ana.reviews(), projector.reviews()]);
    for (const j of joined) expect(told).not.toContain(j.participantId);
    expect(ana.reviews()[0]!.progress).toBeNull();
  });

  it('lets every participant read the other groups’ write-ups once the round opens', async () => {
    const { facilitator, joined, w, groups } = await setup();
    const session = facilitator.session();
    const bangkokDoc = session.artifacts.find((a) => a.groupId === groups.Bangkok)!;
    const writer = openDoc(running.url, w.id, bangkokDoc.id, {
      kind: 'participant',
      token: joined[2]!.token,
    });
    const reader = openDoc(running.url, w.id, bangkokDoc.id, {
      kind: 'participant',
      token: joined[0]!.token,
    });
    docs.push(writer, reader);
    await eventually(() => expect(writer.provider.synced).toBe(true));
    setText(practiceText(writer.doc, 'name'), 'Hotline 1300 with interpreters');
    await eventually(() =>
      expect(practiceText(reader.doc, 'name').toString()).toBe('Hotline 1300 with interpreters'),
    );
    // The reader cannot write: the server drops its edits.
    await eventually(() => expect(reader.provider.synced).toBe(true));
    setText(practiceText(reader.doc, 'lessons'), 'Sneaky edit');
    await new Promise((r) => setTimeout(r, 200));
    expect(practiceText(writer.doc, 'lessons').toString()).toBe('');
  });

  it('opens a round in a workshop stored before peer review existed', async () => {
    const { w, facilitator } = await setup();
    const record = (await running.server.workshops.get(w.id))!;
    const { reviews: _dropped, ...old } = record.workshop;
    await running.store.save({ ...record, workshop: old });
    const again = await connect(running.url, w.id, {
      kind: 'facilitator',
      key: w.facilitatorKey,
    });
    lives.push(again);
    expect(again.welcome.reviews).toEqual([]);
    const exerciseId = facilitator.session().exercises[0]!.id;
    expect(
      await send(again, 'review.open', { exerciseId, criteria: [{ label: 'Relevance' }] }),
    ).toMatchObject({ ok: true });
  });
});
