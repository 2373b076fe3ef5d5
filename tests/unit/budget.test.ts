import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  BudgetSettingsSchema,
  CommandInputs,
  assignToGroup,
  budgetTotals,
  cleanAmount,
  createGroup,
  docAccess,
  formatMoney,
  isRevealed,
  joinWorkshop,
  launchExercise,
  revealExercise,
  setBudget,
  submitArtifact,
  type BudgetLine,
  type BudgetSettings,
  type Workshop,
} from '@plenary/shared';
import { linesOf, newLine, readLine, readLines } from '@plenary/shared/docs';
import { context, unwrap, workshop } from './fixtures.js';

const ctx = context();
const USD_100K: BudgetSettings = { envelope: 100_000, currency: 'USD', shares: {} };

let n = 0;
const line = (fields: Partial<BudgetLine>): BudgetLine => ({
  id: `l${++n}`,
  pillar: 'prevention',
  description: 'Awareness sessions in schools',
  amount: 0,
  justification: 'Reaches young people before recruiters do',
  notes: '',
  ...fields,
});

describe('budget totals', () => {
  it('adds up each pillar and the whole, with what is left', () => {
    const t = budgetTotals(
      [
        line({ pillar: 'prevention', amount: 20_000 }),
        line({ pillar: 'prevention', amount: 5_000 }),
        line({ pillar: 'protection', amount: 40_000 }),
        line({ pillar: 'monitoring', amount: 10_000 }),
      ],
      USD_100K,
    );
    expect(t.byPillar).toEqual({
      prevention: 25_000,
      protection: 40_000,
      prosecution: 0,
      partnership: 0,
      monitoring: 10_000,
    });
    expect(t.shares).toMatchObject({ prevention: 25, protection: 40, monitoring: 10 });
    expect(t.total).toBe(75_000);
    expect(t.remaining).toBe(25_000);
    expect(t.over).toBe(false);
  });

  it('says when the lines go over the envelope, and by how much', () => {
    const t = budgetTotals(
      [
        line({ pillar: 'protection', amount: 80_000 }),
        line({ pillar: 'prosecution', amount: 30_500 }),
      ],
      USD_100K,
    );
    expect(t.total).toBe(110_500);
    expect(t.remaining).toBe(-10_500);
    expect(t.over).toBe(true);
    expect(formatMoney(t.remaining, 'USD')).toBe('USD −10,500');
  });

  it('is not over budget when the envelope is spent exactly', () => {
    const t = budgetTotals([line({ amount: 100_000 })], USD_100K);
    expect(t.remaining).toBe(0);
    expect(t.over).toBe(false);
  });

  it('flags a pillar below its minimum share and one above its maximum', () => {
    const settings: BudgetSettings = {
      ...USD_100K,
      shares: {
        protection: { min: 30, max: null },
        prosecution: { min: null, max: 20 },
        monitoring: { min: 5, max: 15 },
      },
    };
    const t = budgetTotals(
      [
        line({ pillar: 'protection', amount: 25_000 }),
        line({ pillar: 'prosecution', amount: 35_000 }),
        line({ pillar: 'monitoring', amount: 10_000 }),
      ],
      settings,
    );
    expect(t.shareIssues).toEqual([
      { pillar: 'protection', share: 25, bound: 30, kind: 'below-min' },
      { pillar: 'prosecution', share: 35, bound: 20, kind: 'above-max' },
    ]);
  });

  it('counts a share exactly on its bound as within it', () => {
    const settings: BudgetSettings = {
      ...USD_100K,
      shares: { protection: { min: 30, max: 30 } },
    };
    expect(
      budgetTotals([line({ pillar: 'protection', amount: 30_000 })], settings).shareIssues,
    ).toEqual([]);
  });

  it('flags lines with money but no justification, not empty lines', () => {
    const unexplained = line({ amount: 5_000, justification: '   ' });
    const empty = line({ amount: 0, justification: '' });
    const explained = line({ amount: 5_000 });
    const t = budgetTotals([unexplained, empty, explained], USD_100K);
    expect(t.unjustified).toEqual([unexplained.id]);
  });

  it('reads bad amounts as 0: negative, not a number, infinite or text', () => {
    for (const bad of [-500, Number.NaN, Number.POSITIVE_INFINITY, '2000', null, undefined])
      expect(cleanAmount(bad)).toBe(0);
    expect(cleanAmount(2500.6)).toBe(2501);
    const t = budgetTotals(
      [line({ amount: -50_000 }), line({ amount: Number.NaN }), line({ amount: 1_000 })],
      USD_100K,
    );
    expect(t.total).toBe(1_000);
  });

  it('reads a line from the shared document, whatever a client wrote into it', () => {
    const doc = new Y.Doc();
    const bad = new Y.Map<unknown>();
    bad.set('id', 'x');
    bad.set('pillar', 'marketing');
    bad.set('amount', '9000');
    bad.set('description', 42);
    linesOf(doc).push([newLine({ id: 'a', pillar: 'partnership', amount: 12_000 }), bad]);
    expect(readLines(doc)).toEqual([
      {
        id: 'a',
        pillar: 'partnership',
        description: '',
        amount: 12_000,
        justification: '',
        notes: '',
      },
      { id: 'x', pillar: 'prevention', description: '', amount: 0, justification: '', notes: '' },
    ]);
    linesOf(doc).get(0).set('amount', -3);
    expect(readLine(linesOf(doc).get(0)).amount).toBe(0);
  });
});

describe('budget settings', () => {
  const parse = (input: unknown) => BudgetSettingsSchema.safeParse(input);
  const message = (input: unknown) => {
    const r = parse(input);
    return r.success ? null : r.error.issues[0]!.message;
  };

  it('accepts an envelope, a currency and optional bounds, upper-casing the code', () => {
    const r = parse({
      envelope: 100_000,
      currency: ' usd ',
      shares: { protection: { min: 20 }, prosecution: { max: 30 } },
    });
    expect(r.success && r.data).toEqual({
      envelope: 100_000,
      currency: 'USD',
      shares: { protection: { min: 20, max: null }, prosecution: { min: null, max: 30 } },
    });
  });

  it('refuses a minimum above the maximum', () => {
    expect(message({ ...USD_100K, shares: { protection: { min: 40, max: 30 } } })).toBe(
      'A minimum share cannot be above the maximum',
    );
  });

  it('refuses minimums that add up to more than the whole envelope', () => {
    expect(
      message({
        ...USD_100K,
        shares: { prevention: { min: 40 }, protection: { min: 40 }, prosecution: { min: 30 } },
      }),
    ).toBe('The minimum shares add up to more than 100%');
  });

  it('refuses a currency that is not a three-letter code', () => {
    for (const currency of ['US', 'DOLLARS', 'U$D', ''])
      expect(message({ ...USD_100K, currency })).toBe('Use a three-letter currency code, like USD');
  });

  it('refuses an envelope of 0, a negative or a fractional one', () => {
    expect(message({ ...USD_100K, envelope: 0 })).toBe('The envelope must be more than 0');
    expect(message({ ...USD_100K, envelope: -10 })).toBe('The envelope must be more than 0');
    expect(message({ ...USD_100K, envelope: 10.5 })).toBe('The envelope is a whole amount');
  });

  it('refuses a share outside 0–100%', () => {
    expect(parse({ ...USD_100K, shares: { monitoring: { min: -5 } } }).success).toBe(false);
    expect(parse({ ...USD_100K, shares: { monitoring: { max: 120 } } }).success).toBe(false);
  });
});

/** Two groups of one, in a blank workshop. */
function twoGroups(): { w: Workshop; people: string[]; groups: string[] } {
  let w = workshop('blank', ctx);
  const people: string[] = [];
  for (const name of ['Ana', 'Ben']) {
    const joined = unwrap(
      joinWorkshop(w, { name, country: 'PH', city: '', organisation: '', role: '' }, 'h', ctx),
    );
    w = joined.workshop;
    people.push(joined.participant.id);
  }
  const groups: string[] = [];
  for (const [i, name] of ['Cebu', 'Davao'].entries()) {
    const made = unwrap(createGroup(w, { name }, ctx));
    w = unwrap(assignToGroup(made.workshop, { participantId: people[i]!, groupId: made.groupId }));
    groups.push(made.groupId);
  }
  return { w, people, groups };
}

const launch = (w: Workshop, input: Record<string, unknown>) =>
  launchExercise(w, CommandInputs['exercise.launch'].parse(input), ctx);

describe('a budgeting exercise', () => {
  it('cannot be launched without an envelope', () => {
    const { w } = twoGroups();
    const r = launch(w, { title: 'National budget', kind: 'budget' });
    expect(r).toMatchObject({ ok: false, code: 'bad_request', field: 'budget' });
  });

  it('keeps its settings, and only budgets have any', () => {
    const { w } = twoGroups();
    const launched = unwrap(
      launch(w, { title: 'National budget', kind: 'budget', budget: USD_100K }),
    );
    expect(launched.workshop.exercises[0]!.budget).toEqual(USD_100K);
    const list = unwrap(
      launch(launched.workshop, { title: 'Checklist', kind: 'checklist', budget: USD_100K }),
    );
    expect(list.workshop.exercises[1]!.budget).toBeNull();
  });

  it('takes new settings from the facilitator; other exercises refuse them', () => {
    const { w } = twoGroups();
    const launched = unwrap(
      launch(w, { title: 'National budget', kind: 'budget', budget: USD_100K }),
    );
    const changed = unwrap(
      setBudget(launched.workshop, {
        exerciseId: launched.exerciseId,
        budget: { envelope: 120_000, currency: 'EUR', shares: {} },
      }),
    );
    expect(changed.exercises[0]!.budget).toMatchObject({ envelope: 120_000, currency: 'EUR' });
    const plan = unwrap(launch(changed, { title: 'Plan', kind: 'action-plan' }));
    expect(
      setBudget(plan.workshop, { exerciseId: plan.exerciseId, budget: USD_100K }),
    ).toMatchObject({ ok: false, code: 'conflict' });
    expect(setBudget(plan.workshop, { exerciseId: 'gone', budget: USD_100K })).toMatchObject({
      ok: false,
      code: 'not_found',
    });
  });

  it('is revealed to every group once all groups have submitted, and not before', () => {
    const { w, people } = twoGroups();
    const launched = unwrap(
      launch(w, { title: 'National budget', kind: 'budget', budget: USD_100K }),
    );
    let s = launched.workshop;
    const [first, second] = s.artifacts;
    const exercise = () => s.exercises[0]!;
    const ana = { role: 'participant' as const, participantId: people[0]! };
    expect(isRevealed(s, exercise())).toBe(false);
    expect(docAccess(s, second!.id, ana)).toBe('none');

    s = unwrap(submitArtifact(s, { artifactId: first!.id, submitted: true }, ctx));
    expect(isRevealed(s, exercise())).toBe(false);
    expect(docAccess(s, second!.id, ana)).toBe('none');

    s = unwrap(submitArtifact(s, { artifactId: second!.id, submitted: true }, ctx));
    expect(isRevealed(s, exercise())).toBe(true);
    expect(docAccess(s, second!.id, ana)).toBe('read');
    expect(docAccess(s, first!.id, ana)).toBe('write');

    // A group withdrawing its submission hides the others' budgets again.
    s = unwrap(submitArtifact(s, { artifactId: first!.id, submitted: false }, ctx));
    expect(isRevealed(s, exercise())).toBe(false);
  });

  it('is revealed when the facilitator reveals it, whoever has submitted', () => {
    const { w } = twoGroups();
    const launched = unwrap(
      launch(w, { title: 'National budget', kind: 'budget', budget: USD_100K }),
    );
    const s = unwrap(
      revealExercise(launched.workshop, { exerciseId: launched.exerciseId, revealed: true }),
    );
    expect(isRevealed(s, s.exercises[0]!)).toBe(true);
  });

  it('reveals other kinds only by the facilitator, even when all submitted', () => {
    const { w } = twoGroups();
    let s = unwrap(launch(w, { title: 'Plan', kind: 'action-plan' })).workshop;
    for (const a of s.artifacts)
      s = unwrap(submitArtifact(s, { artifactId: a.id, submitted: true }, ctx));
    expect(isRevealed(s, s.exercises[0]!)).toBe(false);
  });

  it('treats an exercise stored before budgets existed as having no settings', () => {
    const { w } = twoGroups();
    const launched = unwrap(launch(w, { title: 'Plan', kind: 'action-plan' })).workshop;
    const old = {
      ...launched,
      exercises: launched.exercises.map(({ budget: _, ...e }) => e),
    } as unknown as Workshop;
    expect(isRevealed(old, old.exercises[0]!)).toBe(false);
  });
});
