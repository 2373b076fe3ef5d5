import { describe, expect, it } from 'vitest';
import {
  actualMs,
  addActivity,
  addModule,
  allActivities,
  deleteActivity,
  deleteModule,
  moveActivity,
  moveModule,
  renameModule,
  setCurrent,
  stepActivity,
  updateActivity,
  LIMITS,
  deletionDueAt,
} from '@plenary/shared';
import { context, unwrap, workshop } from './fixtures.js';

describe('the victim-centred template', () => {
  it('has the nine modules of the 2017 training, each with activities', () => {
    const w = workshop('victim-centred');
    expect(w.modules).toHaveLength(9);
    expect(w.modules.map((m) => m.title.split(':')[0])).toEqual(
      Array.from({ length: 9 }, (_, i) => `Module ${i + 1}`),
    );
    expect(w.modules[1]!.title).toMatch(/Identification/);
    expect(w.modules[8]!.title).toMatch(/CityShare/);
    for (const m of w.modules) expect(m.activities.length).toBeGreaterThan(1);
    const total = allActivities(w).reduce((s, a) => s + a.plannedMinutes, 0);
    expect(total / 60).toBeGreaterThan(15); // a multi-day programme
    expect(new Set(allActivities(w).map((a) => a.id)).size).toBe(allActivities(w).length);
  });

  it('a blank workshop has an empty agenda', () => {
    expect(workshop('blank').modules).toEqual([]);
  });
});

describe('agenda editing', () => {
  it('adds modules and activities at a position', () => {
    const ctx = context();
    let w = workshop('blank', ctx);
    const a = unwrap(addModule(w, { title: 'Day 1' }, ctx));
    const b = unwrap(addModule(a.workshop, { title: 'Day 0', index: 0 }, ctx));
    w = b.workshop;
    expect(w.modules.map((m) => m.title)).toEqual(['Day 0', 'Day 1']);
    const x = unwrap(
      addActivity(
        w,
        { moduleId: a.moduleId, title: 'Talk', kind: 'talk', plannedMinutes: 30 },
        ctx,
      ),
    );
    const y = unwrap(
      addActivity(
        x.workshop,
        {
          moduleId: a.moduleId,
          title: 'Opening',
          kind: 'discussion',
          plannedMinutes: 10,
          index: 0,
        },
        ctx,
      ),
    );
    expect(y.workshop.modules[1]!.activities.map((t) => t.title)).toEqual(['Opening', 'Talk']);
  });

  it('refuses to add to a module that does not exist', () => {
    const ctx = context();
    const r = addActivity(
      workshop('blank', ctx),
      { moduleId: 'nope', title: 'x', kind: 'talk', plannedMinutes: 5 },
      ctx,
    );
    expect(r).toMatchObject({ ok: false, code: 'not_found', field: 'moduleId' });
  });

  it('caps the number of modules', () => {
    const ctx = context();
    let w = workshop('blank', ctx);
    for (let i = 0; i < LIMITS.modules; i++)
      w = unwrap(addModule(w, { title: `M${i}` }, ctx)).workshop;
    expect(addModule(w, { title: 'one more' }, ctx)).toMatchObject({ ok: false, code: 'conflict' });
  });

  it('renames, reorders and deletes without touching the rest', () => {
    const ctx = context();
    const w = workshop('victim-centred', ctx);
    const [m1, m2] = w.modules;
    const renamed = unwrap(renameModule(w, { moduleId: m1!.id, title: 'Concepts' }));
    expect(renamed.modules[0]!.title).toBe('Concepts');
    expect(renamed.modules[1]).toBe(w.modules[1]); // untouched modules keep their identity
    const moved = unwrap(moveModule(w, { moduleId: m1!.id, toIndex: 1 }));
    expect(moved.modules.slice(0, 2).map((m) => m.id)).toEqual([m2!.id, m1!.id]);
    const deleted = unwrap(deleteModule(w, { moduleId: m2!.id }, ctx));
    expect(deleted.modules).toHaveLength(8);
    expect(deleted.modules.some((m) => m.id === m2!.id)).toBe(false);
  });

  it('moves an activity to another module and position', () => {
    const ctx = context();
    const w = workshop('victim-centred', ctx);
    const act = w.modules[0]!.activities[0]!;
    const moved = unwrap(
      moveActivity(w, { activityId: act.id, toModuleId: w.modules[2]!.id, toIndex: 1 }),
    );
    expect(moved.modules[0]!.activities.some((a) => a.id === act.id)).toBe(false);
    expect(moved.modules[2]!.activities[1]!.id).toBe(act.id);
    expect(allActivities(moved)).toHaveLength(allActivities(w).length);
  });

  it('updates kind and planned minutes, and a new plan resets the idle timer of the current activity', () => {
    const ctx = context();
    const w0 = workshop('victim-centred', ctx);
    const act = w0.modules[0]!.activities[0]!;
    const w1 = unwrap(setCurrent(w0, { activityId: act.id }, ctx));
    const w2 = unwrap(updateActivity(w1, { activityId: act.id, kind: 'poll', plannedMinutes: 20 }));
    expect(w2.modules[0]!.activities[0]).toMatchObject({
      kind: 'poll',
      plannedMinutes: 20,
      title: act.title,
    });
    expect(w2.timer).toEqual({ status: 'idle', durationMs: 20 * 60_000 });
  });
});

describe('the current activity', () => {
  it('sets the timer, idle, to the planned length', () => {
    const ctx = context();
    const w = workshop('victim-centred', ctx);
    const act = w.modules[1]!.activities[1]!;
    const next = unwrap(setCurrent(w, { activityId: act.id }, ctx));
    expect(next.currentActivityId).toBe(act.id);
    expect(next.timer).toEqual({ status: 'idle', durationMs: act.plannedMinutes * 60_000 });
  });

  it('records actual time against planned time', () => {
    const ctx = context();
    let w = workshop('victim-centred', ctx);
    const [first, second] = w.modules[0]!.activities;
    w = unwrap(setCurrent(w, { activityId: first!.id }, ctx));
    ctx.tick(50 * 60_000);
    w = unwrap(setCurrent(w, { activityId: second!.id }, ctx));
    ctx.tick(10 * 60_000);
    w = unwrap(setCurrent(w, { activityId: first!.id }, ctx)); // back to the first for 5 more minutes
    ctx.tick(5 * 60_000);
    const [a1, a2] = w.modules[0]!.activities;
    expect(actualMs(a1!, ctx.now)).toBe(55 * 60_000);
    expect(actualMs(a2!, ctx.now)).toBe(10 * 60_000);
    expect(a2!.startedAt).toBeNull();
  });

  it('steps through the agenda across modules, and stops at the ends', () => {
    const ctx = context();
    let w = workshop('victim-centred', ctx);
    const order = allActivities(w);
    w = unwrap(stepActivity(w, { direction: 'next' }, ctx));
    expect(w.currentActivityId).toBe(order[0]!.id);
    const lastOfFirstModule = w.modules[0]!.activities.at(-1)!;
    w = unwrap(setCurrent(w, { activityId: lastOfFirstModule.id }, ctx));
    w = unwrap(stepActivity(w, { direction: 'next' }, ctx));
    expect(w.currentActivityId).toBe(w.modules[1]!.activities[0]!.id);
    w = unwrap(setCurrent(w, { activityId: order.at(-1)!.id }, ctx));
    expect(stepActivity(w, { direction: 'next' }, ctx)).toMatchObject({
      ok: false,
      code: 'conflict',
    });
    w = unwrap(setCurrent(w, { activityId: order[0]!.id }, ctx));
    expect(stepActivity(w, { direction: 'previous' }, ctx)).toMatchObject({
      ok: false,
      code: 'conflict',
    });
    expect(stepActivity(workshop('blank', ctx), { direction: 'next' }, ctx)).toMatchObject({
      ok: false,
    });
  });

  it('clears the current activity when it is deleted, keeping its module', () => {
    const ctx = context();
    let w = workshop('victim-centred', ctx);
    const act = w.modules[0]!.activities[0]!;
    w = unwrap(setCurrent(w, { activityId: act.id }, ctx));
    const after = unwrap(deleteActivity(w, { activityId: act.id }, ctx));
    expect(after.currentActivityId).toBeNull();
    expect(after.timer.status).toBe('idle');
    const viaModule = unwrap(deleteModule(w, { moduleId: w.modules[0]!.id }, ctx));
    expect(viaModule.currentActivityId).toBeNull();
  });
});

describe('retention', () => {
  const base = () => ({ ...workshop('blank'), createdAt: Date.parse('2026-11-20T10:00:00Z') });

  it('is due the given number of days after the end of the last day', () => {
    const w = { ...base(), startsOn: '2026-11-23', endsOn: '2026-11-27', retentionDays: 30 };
    expect(new Date(deletionDueAt(w)!).toISOString()).toBe('2026-12-28T00:00:00.000Z');
  });

  it('counts from the first day, or the day of creation, when there is no last day', () => {
    expect(
      new Date(
        deletionDueAt({ ...base(), startsOn: '2026-11-23', retentionDays: 0 })!,
      ).toISOString(),
    ).toBe('2026-11-24T00:00:00.000Z');
    expect(new Date(deletionDueAt({ ...base(), retentionDays: 1 })!).toISOString()).toBe(
      '2026-11-22T00:00:00.000Z',
    );
  });

  it('keeps a workshop without a retention period', () => {
    expect(deletionDueAt({ ...base(), endsOn: '2020-01-01', retentionDays: null })).toBeNull();
  });
});
