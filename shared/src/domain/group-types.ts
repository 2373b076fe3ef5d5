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

/** The pillars a budget is split across (the "4 Ps", plus monitoring and evaluation). */
export const PILLARS = [
  'prevention',
  'protection',
  'prosecution',
  'partnership',
  'monitoring',
] as const;
export type Pillar = (typeof PILLARS)[number];

export const PILLAR_LABELS: Record<Pillar, string> = {
  prevention: 'Prevention',
  protection: 'Protection',
  prosecution: 'Prosecution',
  partnership: 'Partnership',
  monitoring: 'Monitoring and evaluation',
};

/** Optional bounds on a pillar's share of the envelope, in percent. */
export interface ShareBounds {
  min: number | null;
  max: number | null;
}

/** What the facilitator sets for a budgeting exercise. */
export interface BudgetSettings {
  /** The fixed envelope, in whole units of the currency. */
  envelope: number;
  /** ISO 4217 code, e.g. USD, EUR, THB. */
  currency: string;
  shares: Partial<Record<Pillar, ShareBounds>>;
}

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
