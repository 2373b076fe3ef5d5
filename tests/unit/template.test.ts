import { describe, expect, it } from 'vitest';
import {
  BudgetSettingsSchema,
  CommandInputs,
  createGroup,
  knowledgeCheck,
  launchExercise,
  type Activity,
  type Workshop,
} from '@plenary/shared';
import { checklistTemplate } from '@plenary/shared/docs';
import { context, unwrap, workshop } from './fixtures.js';

/** Issue 22, item 6: the victim-centred template runs five days without writing anything first. */
describe('the victim-centred template comes ready to run', () => {
  const w = workshop('victim-centred', context());
  const activities = w.modules.flatMap((m) => m.activities);
  const activity = (title: string): Activity => {
    const found = activities.find((a) => a.title === title);
    if (!found) throw new Error(`no activity ${title}`);
    return found;
  };
  const pollsOn = (a: Activity) => w.polls.filter((p) => p.activityId === a.id);

  it('has a knowledge check of at least 8 quiz questions before, each with its twin after', () => {
    const pre = pollsOn(activity('Pre-training knowledge check'));
    const post = pollsOn(activity('Post-training knowledge check'));
    expect(pre.length).toBeGreaterThanOrEqual(8);
    expect(post).toHaveLength(pre.length);
    for (const q of pre) {
      expect(q.kind).toBe('quiz');
      expect(q.check?.phase).toBe('pre');
      expect(q.options.filter((o) => o.correct)).toHaveLength(1);
      expect(q.options.length).toBeGreaterThanOrEqual(3);
      const twin = w.polls.find((p) => p.id === q.check?.twinId);
      expect(twin?.check).toEqual({ phase: 'post', twinId: q.id });
      expect(twin?.question).toBe(q.question);
      expect(twin?.options.map((o) => [o.label, o.correct])).toEqual(
        q.options.map((o) => [o.label, o.correct]),
      );
      expect(post).toContain(twin);
    }
    // The console's comparison finds every pair.
    const report = knowledgeCheck(w.polls, []);
    expect(report.questions).toHaveLength(pre.length);
    expect(report.questions.every((q) => q.postId !== null)).toBe(true);
    // Named, so that each participant sees their own score.
    expect([...pre, ...post].every((p) => !p.anonymous)).toBe(true);
  });

  it('has at least one poll in every module, all drafts ready to open', () => {
    for (const m of w.modules) {
      const polls = m.activities.flatMap(pollsOn);
      expect(polls.length, m.title).toBeGreaterThanOrEqual(1);
    }
    expect(w.polls.every((p) => p.state === 'draft' && p.voters.length === 0)).toBe(true);
    expect(new Set(w.polls.map((p) => p.kind))).toEqual(
      new Set(['quiz', 'single', 'multiple', 'scale', 'ranking', 'open', 'points']),
    );
  });

  it('attaches a staged case, a checklist, a referral map, a budget, a practice and an action plan', () => {
    const prepared = activities.filter((a) => a.exercise);
    expect(prepared.map((a) => [a.kind, a.exercise?.kind])).toEqual([
      ['group-work', 'vignette'],
      ['group-work', 'checklist'],
      ['group-work', 'map'],
      ['group-work', 'budget'],
      ['peer-review', 'practice'],
      ['group-work', 'action-plan'],
    ]);
    const vignette = activity('Case vignette: identifying a victim').exercise!;
    expect(vignette.stages.length).toBeGreaterThanOrEqual(3);
    expect(checklistTemplate(vignette.template)).toBeDefined();
    expect(
      checklistTemplate(activity('First contact and referral').exercise?.template),
    ).toBeDefined();
    const budget = activity('Budgeting exercise: the four Ps').exercise!.budget;
    expect(BudgetSettingsSchema.safeParse(budget).success).toBe(true);
    // Each is exactly what the console's launch form sends.
    for (const a of prepared)
      expect(
        CommandInputs['exercise.launch'].safeParse({ ...a.exercise, activityId: a.id }).success,
        a.title,
      ).toBe(true);
  });

  it('launches a prepared exercise in every group in one step', () => {
    const ctx = context(1_800_000_000_000);
    let room: Workshop = workshop('victim-centred', ctx);
    room = unwrap(createGroup(room, { name: 'Group 1' }, ctx)).workshop;
    room = unwrap(createGroup(room, { name: 'Group 2' }, ctx)).workshop;
    const a = room.modules
      .flatMap((m) => m.activities)
      .find((x) => x.exercise?.kind === 'vignette')!;
    const launched = unwrap(
      launchExercise(
        room,
        CommandInputs['exercise.launch'].parse({ ...a.exercise, activityId: a.id }),
        ctx,
      ),
    );
    const exercise = launched.workshop.exercises.find((e) => e.id === launched.exerciseId)!;
    expect(exercise).toMatchObject({ kind: 'vignette', activityId: a.id, stagesShown: 1 });
    expect(exercise.stages).toEqual(a.exercise?.stages);
    expect(launched.workshop.artifacts.filter((x) => x.exerciseId === exercise.id)).toHaveLength(2);
  });

  it('the blank agenda stays empty', () => {
    const blank = workshop('blank');
    expect([blank.modules, blank.polls]).toEqual([[], []]);
  });
});
