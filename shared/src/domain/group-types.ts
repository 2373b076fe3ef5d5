export interface Group {
  id: string;
  name: string;
  /** Participant ids; a participant is in at most one group. */
  memberIds: string[];
  /** Extra time the facilitator gave this group on the current timer (ms, may be 0). */
  extraMs: number;
}

/** The exercise kinds live in kinds/ (a folder each); their list is the catalogue's. */
export {
  actionPlanMeta,
  ARTIFACT_KINDS,
  kindMeta,
  kindRules,
  practiceMeta,
  type ArtifactKind,
} from '../kinds/catalog.js';
import type { ArtifactKind } from '../kinds/catalog.js';

/** The pillars and a budget's settings: their schema is their source (model/). */
export { PILLARS, PILLAR_LABELS, type Pillar } from '../model/pillars.js';
export type { BudgetSettings, ShareBounds } from '../model/budget-settings.js';
import type { BudgetSettings } from '../model/budget-settings.js';

/** A group exercise: one artifact (a co-edited document) per group. */
export interface Exercise {
  id: string;
  title: string;
  kind: ArtifactKind;
  /** Checklist template id, or null for an empty document. */
  template: string | null;
  activityId: string | null;
  /** Groups see each other's work only once revealed. */
  revealed: boolean;
  launchedAt: number;
  /** Case vignette: the case, stage by stage (empty for other kinds). */
  stages: string[];
  /** Case vignette: how many stages the groups can see (the facilitator reveals one at a time). */
  stagesShown: number;
  /** Budgeting exercise: the envelope and bounds (null for other kinds). */
  budget: BudgetSettings | null;
}

/** An exercise prepared in advance (by a template) on its activity, launched in one click. */
export type PreparedExercise = Pick<Exercise, 'title' | 'kind' | 'template' | 'stages' | 'budget'>;

export interface Artifact {
  id: string;
  exerciseId: string;
  groupId: string;
  kind: ArtifactKind;
  title: string;
  submittedAt: number | null;
  /** Locked: nobody but the facilitator may edit. */
  locked: boolean;
}

/** Access to one co-edited document, decided from the workshop state. */
export type DocAccess = 'write' | 'read' | 'none';
