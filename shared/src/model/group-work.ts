import { z } from 'zod';
import { ARTIFACT_KINDS } from '../kinds/catalog.js';
import { LIMITS as L } from '../limits.js';
import { BudgetSettingsSchema } from './budget-settings.js';
import { id, int, str, time } from './fields.js';

/** A breakout group. */
export const GroupSchema = z.object({
  id,
  name: str(L.groupName),
  /** Participant ids; a participant is in at most one group. */
  memberIds: z.array(id).max(L.participants),
  /** Extra time the facilitator gave this group on the current timer (ms, may be 0). */
  extraMs: int.min(0).max(L.timerMs),
});
export type Group = z.output<typeof GroupSchema>;

/** A group exercise: one artifact (a co-edited document) per group. */
export const ExerciseSchema = z.object({
  id,
  title: str(L.title),
  kind: z.enum(ARTIFACT_KINDS),
  /** Checklist template id, or null for an empty document. */
  template: str(64).nullable(),
  activityId: id.nullable(),
  /** Groups see each other's work only once revealed. */
  revealed: z.boolean(),
  launchedAt: time,
  // Exercises stored before vignettes and budgets existed lack the next three.
  /** Case vignette: the case, stage by stage (empty for other kinds). */
  stages: z.array(str(L.vignetteStage)).max(L.vignetteStages).default([]),
  /** Case vignette: how many stages the groups can see (the facilitator reveals one at a time). */
  stagesShown: int.min(0).max(50).default(0),
  /** Budgeting exercise: the envelope and bounds (null for other kinds). */
  budget: BudgetSettingsSchema.nullable().default(null),
});
export type Exercise = z.output<typeof ExerciseSchema>;

/** An exercise prepared in advance (by a template) on its activity, launched in one click. */
export const PreparedExerciseSchema = z.object({
  title: str(L.title),
  kind: z.enum(ARTIFACT_KINDS),
  template: str(64).nullable(),
  stages: z.array(str(L.vignetteStage)).max(L.vignetteStages),
  budget: BudgetSettingsSchema.nullable(),
});
export type PreparedExercise = z.output<typeof PreparedExerciseSchema>;

/** One group's work on an exercise: its co-edited document. */
export const ArtifactSchema = z.object({
  id,
  exerciseId: id,
  groupId: id,
  kind: z.enum(ARTIFACT_KINDS),
  title: str(L.title),
  submittedAt: time.nullable(),
  /** Locked: nobody but the facilitator may edit. */
  locked: z.boolean(),
});
export type Artifact = z.output<typeof ArtifactSchema>;
