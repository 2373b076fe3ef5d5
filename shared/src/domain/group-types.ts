/** Groups, exercises and their work: their schemas are their source (model/group-work.ts). */
export type { Artifact, Exercise, Group, PreparedExercise } from '../model/group-work.js';

/** The exercise kinds live in kinds/ (a folder each); their list is the catalogue's. */
export { ARTIFACT_KINDS, kindMeta, kindRules, type ArtifactKind } from '../kinds/catalog.js';

/** The pillars and a budget's settings: their schema is their source (model/). */
export { PILLARS, PILLAR_LABELS, type Pillar } from '../model/pillars.js';
export type { BudgetSettings, ShareBounds } from '../model/budget-settings.js';

/** Access to one co-edited document, decided from the workshop state. */
export type DocAccess = 'write' | 'read' | 'none';
