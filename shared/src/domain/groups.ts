import type { CommandInput } from '../schemas.js';
import { LIMITS } from '../limits.js';
import { countryName } from '../countries.js';
import { fail, ok, type Result } from './result.js';
import type { Artifact, DocAccess, Exercise, Group } from './group-types.js';
import type { Actor, DomainContext, Workshop } from './types.js';
import { credentialCurrent } from './team.js';
import { kindRules } from '../kinds/catalog.js';

/** Breakout groups, group exercises and who may read or edit which document. Pure. */

const groupNotFound = () => fail('not_found', 'That group no longer exists', 'groupId');

export const groupOf = (w: Workshop, participantId: string): Group | undefined =>
  w.groups.find((g) => g.memberIds.includes(participantId));

const withoutMember = (groups: Group[], participantId: string): Group[] =>
  groups.map((g) =>
    g.memberIds.includes(participantId)
      ? { ...g, memberIds: g.memberIds.filter((id) => id !== participantId) }
      : g,
  );

const newGroup = (ctx: DomainContext, name: string, memberIds: string[] = []): Group => ({
  id: ctx.newId(),
  name,
  memberIds,
  extraMs: 0,
});

export function createGroup(
  w: Workshop,
  input: CommandInput<'group.create'>,
  ctx: DomainContext,
): Result<{ workshop: Workshop; groupId: string }> {
  if (w.groups.length >= LIMITS.groups) return fail('conflict', `At most ${LIMITS.groups} groups`);
  const g = newGroup(ctx, input.name);
  const groups = [...w.groups, g];
  return ok({
    workshop: { ...w, groups, artifacts: [...w.artifacts, ...artifactsForNewGroups(w, [g], ctx)] },
    groupId: g.id,
  });
}

export function renameGroup(w: Workshop, input: CommandInput<'group.update'>): Result<Workshop> {
  if (!w.groups.some((g) => g.id === input.groupId)) return groupNotFound();
  return ok({
    ...w,
    groups: w.groups.map((g) => (g.id === input.groupId ? { ...g, name: input.name } : g)),
  });
}

/** Deleting a group deletes its documents too (their content goes with them). */
export function deleteGroup(w: Workshop, input: CommandInput<'group.delete'>): Result<Workshop> {
  if (!w.groups.some((g) => g.id === input.groupId)) return groupNotFound();
  return ok({
    ...w,
    groups: w.groups.filter((g) => g.id !== input.groupId),
    artifacts: w.artifacts.filter((a) => a.groupId !== input.groupId),
  });
}

export function assignToGroup(w: Workshop, input: CommandInput<'group.assign'>): Result<Workshop> {
  if (!w.participants.some((p) => p.id === input.participantId))
    return fail('not_found', 'That participant is no longer in the workshop', 'participantId');
  if (input.groupId !== null && !w.groups.some((g) => g.id === input.groupId))
    return groupNotFound();
  const groups = withoutMember(w.groups, input.participantId).map((g) =>
    g.id === input.groupId ? { ...g, memberIds: [...g.memberIds, input.participantId] } : g,
  );
  return ok({ ...w, groups });
}

/** Fisher-Yates with the context's random source. */
function shuffle<T>(list: readonly T[], random: () => number): T[] {
  const a = [...list];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [a[i], a[j]] = [a[j]!, a[i]!];
  }
  return a;
}

/**
 * Replaces all groups: one per country, or random groups of about `size`. Random groups either
 * mix countries (each group takes people from as many countries as possible) or keep them together.
 */
export function autoGroups(
  w: Workshop,
  input: CommandInput<'group.auto'>,
  ctx: DomainContext,
): Result<Workshop> {
  if (w.participants.length === 0) return fail('conflict', 'Nobody has joined yet');
  const random = ctx.random ?? Math.random;
  let groups: Group[];
  if (input.mode === 'country') {
    const byCountry = new Map<string, string[]>();
    for (const p of w.participants)
      byCountry.set(p.country, [...(byCountry.get(p.country) ?? []), p.id]);
    const name = (code: string) => countryName(code, w.countryNames);
    groups = [...byCountry]
      .sort(([a], [b]) => name(a).localeCompare(name(b)))
      .map(([country, ids]) => newGroup(ctx, name(country), ids));
  } else {
    const count = Math.max(
      1,
      Math.min(LIMITS.groups, Math.round(w.participants.length / input.size)),
    );
    groups = Array.from({ length: count }, (_, i) => newGroup(ctx, `Group ${i + 1}`));
    // Mixing: deal people out country by country, so each country spreads across groups.
    // Together: deal out whole countries, so delegations stay in one group where they fit.
    const ordered = shuffle(w.participants, random).sort((a, b) =>
      a.country.localeCompare(b.country),
    );
    if (input.mixCountries) {
      ordered.forEach((p, i) => groups[i % count]!.memberIds.push(p.id));
    } else {
      const per = Math.ceil(ordered.length / count);
      ordered.forEach((p, i) =>
        groups[Math.min(count - 1, Math.floor(i / per))]!.memberIds.push(p.id),
      );
    }
  }
  if (groups.length > LIMITS.groups)
    return fail('conflict', `That makes more than ${LIMITS.groups} groups`);
  return ok({
    ...w,
    groups,
    artifacts: artifactsForNewGroups({ ...w, artifacts: [] }, groups, ctx),
  });
}

export function setBreakout(w: Workshop, input: CommandInput<'breakout.set'>): Result<Workshop> {
  if (input.open && w.groups.length === 0) return fail('conflict', 'Create groups first');
  return ok({
    ...w,
    breakout: input.open,
    groups: input.open ? w.groups : w.groups.map((g) => (g.extraMs ? { ...g, extraMs: 0 } : g)),
  });
}

export function giveExtraTime(
  w: Workshop,
  input: CommandInput<'group.extraTime'>,
): Result<Workshop> {
  if (!w.groups.some((g) => g.id === input.groupId)) return groupNotFound();
  return ok({
    ...w,
    groups: w.groups.map((g) =>
      g.id === input.groupId ? { ...g, extraMs: Math.max(0, g.extraMs + input.deltaMs) } : g,
    ),
  });
}

const artifactFor = (e: Exercise, g: Group, ctx: DomainContext): Artifact => ({
  id: ctx.newId(),
  exerciseId: e.id,
  groupId: g.id,
  kind: e.kind,
  title: e.title,
  submittedAt: null,
  locked: false,
});

/** Groups created while exercises run get their own copy of each. */
function artifactsForNewGroups(w: Workshop, groups: Group[], ctx: DomainContext): Artifact[] {
  return w.exercises.flatMap((e) => groups.map((g) => artifactFor(e, g, ctx)));
}

/** Opens an exercise in every group at once, and the breakout with it. */
export function launchExercise(
  w: Workshop,
  input: CommandInput<'exercise.launch'>,
  ctx: DomainContext,
): Result<{ workshop: Workshop; exerciseId: string }> {
  if (w.groups.length === 0) return fail('conflict', 'Create groups first');
  if (w.exercises.length >= LIMITS.exercises)
    return fail('conflict', `At most ${LIMITS.exercises} exercises`);
  const rules = kindRules(input.kind);
  const stages = rules.stages ? input.stages : [];
  if (rules.stages && stages.length === 0)
    return fail('bad_request', 'Write at least the first stage of the case', 'stages');
  if (rules.budget && !input.budget)
    return fail('bad_request', 'Set the envelope and its currency', 'budget');
  const exercise: Exercise = {
    id: ctx.newId(),
    title: input.title,
    kind: input.kind,
    template: rules.template ? (input.template ?? null) : null,
    activityId: input.activityId ?? null,
    revealed: false,
    launchedAt: ctx.now,
    stages,
    stagesShown: stages.length > 0 ? 1 : 0,
    budget: rules.budget ? (input.budget ?? null) : null,
  };
  return ok({
    workshop: {
      ...w,
      breakout: true,
      exercises: [...w.exercises, exercise],
      artifacts: [...w.artifacts, ...w.groups.map((g) => artifactFor(exercise, g, ctx))],
    },
    exerciseId: exercise.id,
  });
}

export function revealExercise(
  w: Workshop,
  input: CommandInput<'exercise.reveal'>,
): Result<Workshop> {
  if (!w.exercises.some((e) => e.id === input.exerciseId))
    return fail('not_found', 'That exercise no longer exists', 'exerciseId');
  return ok({
    ...w,
    exercises: w.exercises.map((e) =>
      e.id === input.exerciseId ? { ...e, revealed: input.revealed } : e,
    ),
  });
}

/** Changes a budgeting exercise's envelope, currency or share bounds (groups see it at once). */
export function setBudget(w: Workshop, input: CommandInput<'exercise.budget'>): Result<Workshop> {
  const exercise = w.exercises.find((e) => e.id === input.exerciseId);
  if (!exercise) return fail('not_found', 'That exercise no longer exists', 'exerciseId');
  if (!kindRules(exercise.kind).budget)
    return fail('conflict', 'Only a budgeting exercise has an envelope');
  return ok({
    ...w,
    exercises: w.exercises.map((e) => (e === exercise ? { ...e, budget: input.budget } : e)),
  });
}

/**
 * Whether groups see each other's work for this exercise: once the facilitator reveals it, or,
 * for budgets, once every group has submitted.
 */
export function isRevealed(w: Pick<Workshop, 'artifacts'>, exercise: Exercise): boolean {
  if (exercise.revealed) return true;
  if (!kindRules(exercise.kind).budget) return false;
  const artifacts = w.artifacts.filter((a) => a.exerciseId === exercise.id);
  return artifacts.length > 0 && artifacts.every((a) => a.submittedAt !== null);
}

/** Shows the groups the next stage of a case vignette (or, with `stage`, exactly that many). */
export function showVignetteStages(
  w: Workshop,
  input: CommandInput<'vignette.show'>,
): Result<Workshop> {
  const exercise = w.exercises.find((e) => e.id === input.exerciseId);
  if (!exercise) return fail('not_found', 'That exercise no longer exists', 'exerciseId');
  if (!kindRules(exercise.kind).stages) return fail('conflict', 'Only a case vignette has stages');
  if (input.stagesShown > exercise.stages.length)
    return fail('conflict', `This case has ${exercise.stages.length} stages`, 'stagesShown');
  return ok({
    ...w,
    exercises: w.exercises.map((e) =>
      e === exercise ? { ...e, stagesShown: input.stagesShown } : e,
    ),
  });
}

export function submitArtifact(
  w: Workshop,
  input: CommandInput<'artifact.submit'>,
  ctx: DomainContext,
): Result<Workshop> {
  const artifact = w.artifacts.find((a) => a.id === input.artifactId);
  if (!artifact) return fail('not_found', 'That document no longer exists', 'artifactId');
  if (
    ctx.actor.role === 'participant' &&
    groupOf(w, ctx.actor.participantId)?.id !== artifact.groupId
  )
    return fail('forbidden', 'Only the group can submit its own work');
  return ok({
    ...w,
    artifacts: w.artifacts.map((a) =>
      a === artifact ? { ...a, submittedAt: input.submitted ? ctx.now : null } : a,
    ),
  });
}

export function lockArtifact(w: Workshop, input: CommandInput<'artifact.lock'>): Result<Workshop> {
  if (!w.artifacts.some((a) => a.id === input.artifactId))
    return fail('not_found', 'That document no longer exists', 'artifactId');
  return ok({
    ...w,
    artifacts: w.artifacts.map((a) =>
      a.id === input.artifactId ? { ...a, locked: input.locked } : a,
    ),
  });
}

export function setGallery(w: Workshop, input: CommandInput<'gallery.set'>): Result<Workshop> {
  return ok({ ...w, galleryOpen: input.open });
}

/**
 * Who may do what with a document: the facilitator edits all; the projector reads all; a
 * participant edits their own group's unless it is locked, and reads another group's only
 * when its exercise is revealed or the gallery is open.
 */
export function docAccess(w: Workshop, artifactId: string, actor: Actor): DocAccess {
  const artifact = w.artifacts.find((a) => a.id === artifactId);
  if (!artifact || !credentialCurrent(w, actor)) return 'none';
  if (actor.role === 'moderator') return 'none';
  if (actor.role === 'facilitator') return 'write';
  if (actor.role === 'screen') return 'read';
  const mine = groupOf(w, actor.participantId)?.id === artifact.groupId;
  if (mine) return artifact.locked ? 'read' : 'write';
  const exercise = w.exercises.find((e) => e.id === artifact.exerciseId);
  return (exercise && isRevealed(w, exercise)) || w.galleryOpen ? 'read' : 'none';
}
