import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { linesOf, newLine, readLines } from '@plenary/shared/docs';
import type { ArtifactProgress } from '@plenary/shared';
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
import { openDoc, synced, type DocClient } from './docs-harness.js';

let running: Running;
const lives: Live[] = [];
const docs: DocClient[] = [];
const track = (d: DocClient) => (docs.push(d), d);

beforeEach(async () => {
  running = await startServer();
});
afterEach(async () => {
  for (const d of docs.splice(0)) d.destroy();
  for (const l of lives.splice(0)) l.socket.close();
  await running.close();
});

/** The server turns the connection away at the upgrade: it never syncs. */
async function expectRefused(client: DocClient): Promise<void> {
  track(client);
  await eventually(() => expect(client.provider.wsconnected).toBe(false));
  await new Promise((r) => setTimeout(r, 150));
  expect(client.provider.synced).toBe(false);
  expect(readLines(client.doc)).toEqual([]);
  client.provider.disconnect();
}

const cred = (token: string) => ({ kind: 'participant' as const, token });
const USD_100K = {
  envelope: 100_000,
  currency: 'USD',
  shares: { monitoring: { min: 5, max: 15 } },
};

/** Two groups of two, and a budgeting exercise of 100,000 USD. */
async function budgetExercise() {
  const w = await createWorkshop(running.url);
  const people = await Promise.all(
    ['Ana', 'Ben', 'Chandra', 'Dewi'].map((n) => join(running.url, w.joinCode, n)),
  );
  const facilitator = await connect(running.url, w.id, {
    kind: 'facilitator',
    key: w.facilitatorKey,
  });
  lives.push(facilitator);
  const g1 = await send(facilitator, 'group.create', { name: 'Cebu' });
  const g2 = await send(facilitator, 'group.create', { name: 'Phnom Penh' });
  const [groupA, groupB] = [g1.ok ? g1.groupId : '', g2.ok ? g2.groupId : ''];
  for (const [i, p] of people.entries())
    await send(facilitator, 'group.assign', {
      participantId: p.participantId,
      groupId: i < 2 ? groupA : groupB,
    });
  const launched = await send(facilitator, 'exercise.launch', {
    title: 'National action budget',
    kind: 'budget',
    budget: USD_100K,
  });
  expect(launched.ok).toBe(true);
  await eventually(() => expect(facilitator.session().artifacts).toHaveLength(2));
  const exercise = facilitator.session().exercises[0]!;
  const artifactOf = (groupId: string) =>
    facilitator.session().artifacts.find((a) => a.groupId === groupId)!.id;
  return {
    w,
    people,
    facilitator,
    exercise,
    artifactA: artifactOf(groupA),
    artifactB: artifactOf(groupB),
  };
}

describe('co-editing a budget', () => {
  it('converges when two members edit the same budget at once', async () => {
    const { w, people, artifactA, exercise } = await budgetExercise();
    expect(exercise.budget).toEqual({ ...USD_100K, shares: { monitoring: { min: 5, max: 15 } } });
    const ana = track(openDoc(running.url, w.id, artifactA, cred(people[0]!.token)));
    const ben = track(openDoc(running.url, w.id, artifactA, cred(people[1]!.token)));
    await Promise.all([synced(ana), synced(ben)]);
    expect(readLines(ana.doc)).toEqual([]);

    // Both add lines at the same moment, then edit the same line's fields.
    linesOf(ana.doc).push([
      newLine({ id: 'a1', pillar: 'protection', description: 'Shelter beds', amount: 40_000 }),
    ]);
    linesOf(ben.doc).push([
      newLine({ id: 'b1', pillar: 'prosecution', description: 'Judge training', amount: 25_000 }),
    ]);
    await eventually(() => expect(readLines(ben.doc)).toHaveLength(2));
    const a1 = (d: DocClient) =>
      linesOf(d.doc)
        .toArray()
        .find((m) => m.get('id') === 'a1')!;
    a1(ana).set('justification', 'Safe places for adults, not only minors');
    a1(ben).set('amount', 45_000);
    await eventually(() => {
      expect(readLines(ana.doc)).toEqual(readLines(ben.doc));
      expect(readLines(ana.doc).find((l) => l.id === 'a1')).toMatchObject({
        amount: 45_000,
        justification: 'Safe places for adults, not only minors',
      });
    });
    expect(
      readLines(ana.doc)
        .map((l) => l.id)
        .sort(),
    ).toEqual(['a1', 'b1']);

    // A third client (the facilitator) loads the same lines from the server.
    const fac = track(
      openDoc(running.url, w.id, artifactA, { kind: 'facilitator', key: w.facilitatorKey }),
    );
    await synced(fac);
    expect(readLines(fac.doc)).toEqual(readLines(ana.doc));
  });

  it('summarises each budget for the facilitator', async () => {
    const { w, people, artifactA, facilitator } = await budgetExercise();
    const summaries: NonNullable<ArtifactProgress['summary']>[] = [];
    facilitator.socket.on('progress', (changed) => {
      for (const p of changed)
        if (p.artifactId === artifactA && p.summary) summaries.push(p.summary);
    });
    const ana = track(openDoc(running.url, w.id, artifactA, cred(people[0]!.token)));
    await synced(ana);
    linesOf(ana.doc).push([
      newLine({ id: 'a1', amount: 30_000 }),
      newLine({ id: 'a2', pillar: 'monitoring', amount: 12_500 }),
    ]);
    await eventually(() => expect(summaries.at(-1)).toEqual({ lines: 2, allocated: 42_500 }), 4000);
  });
});

describe('a locked budget', () => {
  it('refuses a member’s update and stays as it was; the facilitator can still edit', async () => {
    const { w, people, artifactA, facilitator } = await budgetExercise();
    const ana = track(openDoc(running.url, w.id, artifactA, cred(people[0]!.token)));
    await synced(ana);
    linesOf(ana.doc).push([newLine({ id: 'a1', description: 'Hotline staff', amount: 20_000 })]);
    const fac = track(
      openDoc(running.url, w.id, artifactA, { kind: 'facilitator', key: w.facilitatorKey }),
    );
    await synced(fac);
    await eventually(() => expect(readLines(fac.doc)).toHaveLength(1));

    const locked = await send(facilitator, 'artifact.lock', {
      artifactId: artifactA,
      locked: true,
    });
    expect(locked.ok).toBe(true);
    linesOf(ana.doc).get(0).set('amount', 99_000);
    linesOf(ana.doc).push([newLine({ id: 'late', amount: 5_000 })]);
    await new Promise((r) => setTimeout(r, 200));
    expect(readLines(fac.doc)).toEqual([
      expect.objectContaining({ id: 'a1', amount: 20_000, description: 'Hotline staff' }),
    ]);

    linesOf(fac.doc).push([newLine({ id: 'f1', pillar: 'monitoring', amount: 8_000 })]);
    await eventually(() =>
      expect(readLines(ana.doc).some((l) => l.id === 'f1' && l.amount === 8_000)).toBe(true),
    );
    // What is stored is the facilitator's change and none of the member's.
    const fresh = track(
      openDoc(running.url, w.id, artifactA, { kind: 'facilitator', key: w.facilitatorKey }),
    );
    await synced(fresh);
    expect(readLines(fresh.doc).map((l) => [l.id, l.amount])).toEqual([
      ['a1', 20_000],
      ['f1', 8_000],
    ]);
  });
});

describe('another group’s budget', () => {
  it('opens to the other groups, read only, once every group has submitted', async () => {
    const { w, people, artifactA, artifactB, facilitator } = await budgetExercise();
    const ana = track(openDoc(running.url, w.id, artifactA, cred(people[0]!.token)));
    await synced(ana);
    linesOf(ana.doc).push([newLine({ id: 'a1', amount: 10_000, justification: 'Our priority' })]);

    await expectRefused(openDoc(running.url, w.id, artifactA, cred(people[2]!.token)));

    const ben = await connect(running.url, w.id, cred(people[1]!.token));
    const dewi = await connect(running.url, w.id, cred(people[3]!.token));
    lives.push(ben, dewi);
    expect(
      (await send(ben, 'artifact.submit', { artifactId: artifactA, submitted: true })).ok,
    ).toBe(true);
    // One group of two submitted: still closed.
    await expectRefused(openDoc(running.url, w.id, artifactA, cred(people[2]!.token)));

    expect(
      (await send(dewi, 'artifact.submit', { artifactId: artifactB, submitted: true })).ok,
    ).toBe(true);
    await eventually(() =>
      expect(facilitator.session().artifacts.every((a) => a.submittedAt !== null)).toBe(true),
    );
    const reader = track(openDoc(running.url, w.id, artifactA, cred(people[2]!.token)));
    await synced(reader);
    expect(readLines(reader.doc)).toEqual([
      expect.objectContaining({ id: 'a1', amount: 10_000, justification: 'Our priority' }),
    ]);
    // Read only: the other group's edit never reaches the document.
    linesOf(reader.doc).get(0).set('amount', 1);
    await new Promise((r) => setTimeout(r, 200));
    expect(readLines(ana.doc)[0]!.amount).toBe(10_000);
  });
});

describe('changing the envelope', () => {
  it('updates the settings for everyone', async () => {
    const { facilitator, exercise, w, people } = await budgetExercise();
    const ana = await connect(running.url, w.id, cred(people[0]!.token));
    lives.push(ana);
    const ack = await send(facilitator, 'exercise.budget', {
      exerciseId: exercise.id,
      budget: { envelope: 150_000, currency: 'eur' },
    });
    expect(ack.ok).toBe(true);
    await eventually(() =>
      expect(ana.session().exercises[0]!.budget).toEqual({
        envelope: 150_000,
        currency: 'EUR',
        shares: {},
      }),
    );
  });

  it('refuses bad settings with a clear error and changes nothing', async () => {
    const { facilitator, exercise } = await budgetExercise();
    const before = facilitator.session().exercises[0]!.budget;
    const cases = [
      [{ envelope: 0, currency: 'USD' }, 'budget.envelope', /more than 0/],
      [{ envelope: 1000, currency: 'dollars' }, 'budget.currency', /three-letter/],
      [
        { envelope: 1000, currency: 'USD', shares: { protection: { min: 50, max: 20 } } },
        'budget.shares',
        /minimum share cannot be above the maximum/,
      ],
      [
        {
          envelope: 1000,
          currency: 'USD',
          shares: { prevention: { min: 60 }, protection: { min: 60 } },
        },
        'budget.shares',
        /more than 100%/,
      ],
    ] as const;
    for (const [budget, field, message] of cases) {
      const ack = await send(facilitator, 'exercise.budget', {
        exerciseId: exercise.id,
        budget: budget as never,
      });
      expect(ack).toMatchObject({ ok: false, code: 'bad_request', field });
      expect(!ack.ok && ack.message).toMatch(message);
    }
    const plan = await send(facilitator, 'exercise.launch', { title: 'Plan', kind: 'action-plan' });
    const planId = plan.ok ? plan.exerciseId : '';
    expect(
      await send(facilitator, 'exercise.budget', { exerciseId: planId, budget: USD_100K }),
    ).toMatchObject({ ok: false, code: 'conflict' });
    expect(
      await send(facilitator, 'exercise.budget', { exerciseId: 'nope-nope', budget: USD_100K }),
    ).toMatchObject({ ok: false, code: 'not_found' });
    await new Promise((r) => setTimeout(r, 50));
    expect(facilitator.session().exercises[0]!.budget).toEqual(before);
    expect(facilitator.session().exercises[1]!.budget).toBeNull();
  });

  it('refuses a participant', async () => {
    const { exercise, w, people } = await budgetExercise();
    const ana = await connect(running.url, w.id, cred(people[0]!.token));
    lives.push(ana);
    expect(
      await send(ana, 'exercise.budget', { exerciseId: exercise.id, budget: USD_100K }),
    ).toMatchObject({ ok: false, code: 'forbidden' });
  });
});
