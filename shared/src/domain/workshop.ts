import { DEFAULT_COUNTRY_NAMES } from '../country-display.js';
import type { CommandInput, CreateWorkshopInput } from '../schemas.js';
import { fail, ok, type Result } from './result.js';
import { templateAgenda, withTemplatePolls } from './template.js';
import {
  adjustTimer,
  idleTimer,
  pauseTimer,
  resetTimer,
  resumeTimer,
  startTimer,
} from './timer.js';
import type { DomainContext, Workshop } from './types.js';
import { findActivity } from './agenda.js';

export const DEFAULT_TIMER_MS = 5 * 60_000;

export interface NewWorkshopSecrets {
  id: string;
  joinCode: string;
  facilitatorKeyHash: string;
  screenKeyHash: string;
}

export function createWorkshop(
  input: CreateWorkshopInput,
  secrets: NewWorkshopSecrets,
  ctx: Pick<DomainContext, 'now' | 'newId'>,
): Workshop {
  const w: Workshop = {
    ...secrets,
    title: input.title,
    venue: input.venue,
    startsOn: input.startsOn,
    endsOn: input.endsOn,
    createdAt: ctx.now,
    modules: templateAgenda(input.template, ctx.newId),
    currentActivityId: null,
    timer: idleTimer(DEFAULT_TIMER_MS),
    timerSound: false,
    participants: [],
    polls: [],
    questions: [],
    projection: { kind: 'activity' },
    groups: [],
    breakout: false,
    exercises: [],
    artifacts: [],
    galleryOpen: false,
    retentionDays: input.retentionDays,
    countryNames: DEFAULT_COUNTRY_NAMES,
    followUp: { checkIns: [], commitments: [] },
    reviews: [],
  };
  return input.template === 'blank' ? w : withTemplatePolls(w, ctx);
}

export function updateWorkshop(
  w: Workshop,
  input: CommandInput<'workshop.update'>,
): Result<Workshop> {
  const next: Workshop = {
    ...w,
    ...(input.title !== undefined && { title: input.title }),
    ...(input.venue !== undefined && { venue: input.venue }),
    ...(input.startsOn !== undefined && { startsOn: input.startsOn }),
    ...(input.endsOn !== undefined && { endsOn: input.endsOn }),
    ...(input.timerSound !== undefined && { timerSound: input.timerSound }),
    ...(input.retentionDays !== undefined && { retentionDays: input.retentionDays }),
    ...(input.joinOrigin !== undefined && { joinOrigin: input.joinOrigin }),
    ...(input.countryNames !== undefined && { countryNames: input.countryNames }),
    ...(input.projectorLanguages !== undefined && {
      projectorLanguages: input.projectorLanguages,
    }),
  };
  if (next.startsOn && next.endsOn && next.endsOn < next.startsOn)
    return fail('bad_request', 'The last day cannot be before the first day', 'endsOn');
  return ok(next);
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * When a workshop with a retention period is due for deletion: that many days after the end of
 * its last day (UTC), or of the day it was created when it has no dates. Null: kept.
 */
export function deletionDueAt(w: Workshop): number | null {
  if (w.retentionDays === null || w.retentionDays === undefined) return null;
  const lastDay = w.endsOn ?? w.startsOn;
  const endOfLastDay = lastDay
    ? Date.parse(`${lastDay}T00:00:00Z`) + DAY_MS
    : Math.floor(w.createdAt / DAY_MS) * DAY_MS + DAY_MS;
  return endOfLastDay + w.retentionDays * DAY_MS;
}

export function timerStart(
  w: Workshop,
  input: CommandInput<'timer.start'>,
  ctx: DomainContext,
): Result<Workshop> {
  return ok({ ...w, timer: startTimer(w.timer, ctx.now, input.durationMs) });
}

export function timerPause(w: Workshop, _input: unknown, ctx: DomainContext): Result<Workshop> {
  if (w.timer.status !== 'running') return fail('conflict', 'The timer is not running');
  return ok({ ...w, timer: pauseTimer(w.timer, ctx.now) });
}

export function timerResume(w: Workshop, _input: unknown, ctx: DomainContext): Result<Workshop> {
  if (w.timer.status !== 'paused') return fail('conflict', 'The timer is not paused');
  return ok({ ...w, timer: resumeTimer(w.timer, ctx.now) });
}

export function timerAdjust(
  w: Workshop,
  input: CommandInput<'timer.adjust'>,
  ctx: DomainContext,
): Result<Workshop> {
  return ok({ ...w, timer: adjustTimer(w.timer, ctx.now, input.deltaMs) });
}

/** Back to idle, at the current activity's planned length (or the length it had). */
export function timerReset(w: Workshop): Result<Workshop> {
  const current = w.currentActivityId ? findActivity(w, w.currentActivityId) : undefined;
  const planned = current ? current.activity.plannedMinutes * 60_000 : undefined;
  return ok({ ...w, timer: resetTimer(w.timer, planned) });
}
