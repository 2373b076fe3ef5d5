export interface Group {
  id: string;
  name: string;
  /** Participant ids; a participant is in at most one group. */
  memberIds: string[];
  /** Extra time the facilitator gave this group on the current timer (ms, may be 0). */
  extraMs: number;
}

export const ARTIFACT_KINDS = ['checklist', 'action-plan', 'vignette'] as const;
export type ArtifactKind = (typeof ARTIFACT_KINDS)[number];

export const ARTIFACT_KIND_LABELS: Record<ArtifactKind, string> = {
  checklist: 'Checklist',
  'action-plan': 'SMART action plan',
  vignette: 'Case vignette',
};

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
}

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
