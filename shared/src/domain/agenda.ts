import type { CommandInput } from '../schemas.js';
import { LIMITS } from '../limits.js';
import { fail, ok, type Result } from './result.js';
import { idleTimer } from './timer.js';
import type { Activity, AgendaModule, DomainContext, Workshop } from './types.js';

/** Pure agenda editing: each function takes the workshop and returns a new one, or a failure. */

export function findActivity(
  w: Workshop,
  activityId: string,
): { module: AgendaModule; activity: Activity; index: number } | undefined {
  for (const module of w.modules) {
    const index = module.activities.findIndex((a) => a.id === activityId);
    const activity = module.activities[index];
    if (activity) return { module, activity, index };
  }
  return undefined;
}

export const allActivities = (w: Workshop): Activity[] => w.modules.flatMap((m) => m.activities);

/** Actual time an activity has run, including a run in progress. */
export const actualMs = (a: Activity, now: number): number =>
  a.actualMs + (a.startedAt === null ? 0 : Math.max(0, now - a.startedAt));

const insertAt = <T>(list: readonly T[], item: T, index = list.length): T[] => {
  const copy = list.slice();
  copy.splice(Math.min(Math.max(0, index), copy.length), 0, item);
  return copy;
};

const moduleNotFound = () => fail('not_found', 'That module no longer exists', 'moduleId');
const activityNotFound = () => fail('not_found', 'That activity no longer exists', 'activityId');

const mapActivity = (w: Workshop, id: string, f: (a: Activity) => Activity): Workshop => ({
  ...w,
  modules: w.modules.map((m) =>
    m.activities.some((a) => a.id === id)
      ? { ...m, activities: m.activities.map((a) => (a.id === id ? f(a) : a)) }
      : m,
  ),
});

export function addModule(
  w: Workshop,
  input: CommandInput<'module.add'>,
  ctx: DomainContext,
): Result<{ workshop: Workshop; moduleId: string }> {
  if (w.modules.length >= LIMITS.modules)
    return fail('conflict', `An agenda holds at most ${LIMITS.modules} modules`);
  const module: AgendaModule = { id: ctx.newId(), title: input.title, activities: [] };
  return ok({
    workshop: { ...w, modules: insertAt(w.modules, module, input.index) },
    moduleId: module.id,
  });
}

export function renameModule(w: Workshop, input: CommandInput<'module.update'>): Result<Workshop> {
  if (!w.modules.some((m) => m.id === input.moduleId)) return moduleNotFound();
  return ok({
    ...w,
    modules: w.modules.map((m) => (m.id === input.moduleId ? { ...m, title: input.title } : m)),
  });
}

export function moveModule(w: Workshop, input: CommandInput<'module.move'>): Result<Workshop> {
  const module = w.modules.find((m) => m.id === input.moduleId);
  if (!module) return moduleNotFound();
  const rest = w.modules.filter((m) => m !== module);
  return ok({ ...w, modules: insertAt(rest, module, input.toIndex) });
}

export function deleteModule(
  w: Workshop,
  input: CommandInput<'module.delete'>,
  ctx: DomainContext,
): Result<Workshop> {
  const module = w.modules.find((m) => m.id === input.moduleId);
  if (!module) return moduleNotFound();
  const holdsCurrent = module.activities.some((a) => a.id === w.currentActivityId);
  const next = holdsCurrent ? setCurrentActivity(w, null, ctx.now) : w;
  return ok({ ...next, modules: next.modules.filter((m) => m.id !== input.moduleId) });
}

export function addActivity(
  w: Workshop,
  input: CommandInput<'activity.add'>,
  ctx: DomainContext,
): Result<{ workshop: Workshop; activityId: string }> {
  const module = w.modules.find((m) => m.id === input.moduleId);
  if (!module) return moduleNotFound();
  if (module.activities.length >= LIMITS.activitiesPerModule)
    return fail('conflict', `A module holds at most ${LIMITS.activitiesPerModule} activities`);
  const activity: Activity = {
    id: ctx.newId(),
    title: input.title,
    kind: input.kind,
    plannedMinutes: input.plannedMinutes,
    actualMs: 0,
    startedAt: null,
  };
  return ok({
    workshop: {
      ...w,
      modules: w.modules.map((m) =>
        m === module ? { ...m, activities: insertAt(m.activities, activity, input.index) } : m,
      ),
    },
    activityId: activity.id,
  });
}

export function updateActivity(
  w: Workshop,
  input: CommandInput<'activity.update'>,
): Result<Workshop> {
  const found = findActivity(w, input.activityId);
  if (!found) return activityNotFound();
  const { title, kind, plannedMinutes } = input;
  let next = mapActivity(w, input.activityId, (a) => ({
    ...a,
    ...(title !== undefined && { title }),
    ...(kind !== undefined && { kind }),
    ...(plannedMinutes !== undefined && { plannedMinutes }),
  }));
  // A new plan for the current activity resets an idle timer to the new length.
  if (
    plannedMinutes !== undefined &&
    w.currentActivityId === input.activityId &&
    w.timer.status === 'idle'
  ) {
    next = { ...next, timer: idleTimer(plannedMinutes * 60_000) };
  }
  return ok(next);
}

export function moveActivity(w: Workshop, input: CommandInput<'activity.move'>): Result<Workshop> {
  const found = findActivity(w, input.activityId);
  if (!found) return activityNotFound();
  const target = w.modules.find((m) => m.id === input.toModuleId);
  if (!target) return fail('not_found', 'That module no longer exists', 'toModuleId');
  if (target !== found.module && target.activities.length >= LIMITS.activitiesPerModule)
    return fail('conflict', `A module holds at most ${LIMITS.activitiesPerModule} activities`);
  const without = w.modules.map((m) =>
    m === found.module ? { ...m, activities: m.activities.filter((a) => a !== found.activity) } : m,
  );
  return ok({
    ...w,
    modules: without.map((m) =>
      m.id === input.toModuleId
        ? { ...m, activities: insertAt(m.activities, found.activity, input.toIndex) }
        : m,
    ),
  });
}

export function deleteActivity(
  w: Workshop,
  input: CommandInput<'activity.delete'>,
  ctx: DomainContext,
): Result<Workshop> {
  if (!findActivity(w, input.activityId)) return activityNotFound();
  const next = w.currentActivityId === input.activityId ? setCurrentActivity(w, null, ctx.now) : w;
  return ok({
    ...next,
    modules: next.modules.map((m) => ({
      ...m,
      activities: m.activities.filter((a) => a.id !== input.activityId),
    })),
  });
}

/**
 * Makes an activity current: closes the previous one's run (its actual time grows), starts the
 * new one's, and sets the timer, idle, to the new activity's planned length.
 */
export function setCurrentActivity(w: Workshop, activityId: string | null, now: number): Workshop {
  if (activityId === w.currentActivityId) return w;
  let next = w;
  if (w.currentActivityId) {
    next = mapActivity(next, w.currentActivityId, (a) => ({
      ...a,
      actualMs: actualMs(a, now),
      startedAt: null,
    }));
  }
  if (activityId === null) {
    return { ...next, currentActivityId: null, timer: idleTimer(next.timer.durationMs) };
  }
  const planned = findActivity(next, activityId)?.activity.plannedMinutes ?? 0;
  next = mapActivity(next, activityId, (a) => ({ ...a, startedAt: now }));
  return { ...next, currentActivityId: activityId, timer: idleTimer(planned * 60_000) };
}

export function setCurrent(
  w: Workshop,
  input: CommandInput<'activity.setCurrent'>,
  ctx: DomainContext,
): Result<Workshop> {
  if (input.activityId !== null && !findActivity(w, input.activityId)) return activityNotFound();
  return ok(setCurrentActivity(w, input.activityId, ctx.now));
}

/** Moves to the next or previous activity in agenda order; from nothing, "next" is the first. */
export function stepActivity(
  w: Workshop,
  input: CommandInput<'activity.step'>,
  ctx: DomainContext,
): Result<Workshop> {
  const order = allActivities(w);
  if (order.length === 0) return fail('conflict', 'The agenda has no activities yet');
  const at = order.findIndex((a) => a.id === w.currentActivityId);
  const target =
    input.direction === 'next' ? (at === -1 ? 0 : at + 1) : at === -1 ? order.length - 1 : at - 1;
  const activity = order[target];
  if (!activity)
    return fail(
      'conflict',
      input.direction === 'next' ? 'This is the last activity' : 'This is the first activity',
    );
  return ok(setCurrentActivity(w, activity.id, ctx.now));
}
