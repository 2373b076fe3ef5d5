/**
 * After the workshop: each participant's personal commitment, and check-ins at which each group
 * reports where its action plan stands. The objectives themselves, with their status, live in
 * the group's action-plan document (`kinds/action-plan/document.ts`); a check-in keeps a copy of them as
 * they were when the group answered, so progress can be read over time.
 */

/** The status of an objective: the same values as the action-plan document's `status`. */
export const PLAN_STATUSES = ['planned', 'in-progress', 'done'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];

export const PLAN_STATUS_LABELS: Record<PlanStatus, string> = {
  planned: 'Planned',
  'in-progress': 'In progress',
  done: 'Done',
};

/** Sizes and counts the follow-up schemas enforce (kept here so the domain needs no zod). */
export const FOLLOW_UP_LIMITS = {
  checkIns: 12,
  checkInTitle: 60,
  /** A group's note at a check-in. */
  note: 1000,
  commitment: 500,
  objectivesPerAnswer: 100,
  objectiveAction: 300,
  /** A short progress note on one objective. */
  progressNote: 300,
} as const;

/** One objective of a group's plan, as the group reported it at a check-in. */
export interface CheckInObjective {
  artifactId: string;
  objectiveId: string;
  /** The objective's action, as written then. */
  action: string;
  status: PlanStatus;
  note: string;
}

/** A group's answer to a check-in; a later answer of the same group replaces it. */
export interface CheckInAnswer {
  groupId: string;
  objectives: CheckInObjective[];
  note: string;
  /** Display name of the participant who sent it. */
  answeredBy: string;
  answeredAt: number;
  /** The group's self-assessment of its practice re-run at this check-in, per peer-review round. */
  selfAssessments?: CheckInSelfAssessment[];
}

/** Scores (SCORE_MIN..SCORE_MAX) by criterion id of one peer-review round. */
export interface CheckInSelfAssessment {
  roundId: string;
  scores: Record<string, number>;
}

/** A date, set by the facilitator, at which each group reports on its plan (e.g. 3 months on). */
export interface CheckIn {
  id: string;
  title: string;
  /** YYYY-MM-DD. */
  dueOn: string;
  createdAt: number;
  answers: CheckInAnswer[];
}

/** The objective of the group's plan a commitment is tied to. */
export interface CommitmentObjective {
  artifactId: string;
  objectiveId: string;
  /** The objective's action when the commitment was written (the plan may change later). */
  action: string;
}

/** What one participant commits to do after the workshop (one per participant). */
export interface Commitment {
  participantId: string;
  text: string;
  objective: CommitmentObjective | null;
  updatedAt: number;
}

export interface FollowUp {
  checkIns: CheckIn[];
  commitments: Commitment[];
}

/**
 * What one connection sees of the follow-up: the facilitator everything; a participant the
 * check-in dates, their own group's answers and their own commitment; the projector nothing.
 */
export type FollowUpView = FollowUp;

export const EMPTY_FOLLOW_UP: FollowUp = { checkIns: [], commitments: [] };
