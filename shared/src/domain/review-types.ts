/**
 * Peer review between groups: each group presents a practice (a practice write-up exercise),
 * rates it itself, is rated by the others on shared criteria, and compares.
 */

/** Who gives peer ratings: every participant, or every group as one. */
export const REVIEW_MODES = ['participant', 'group'] as const;
export type ReviewMode = (typeof REVIEW_MODES)[number];

export const REVIEW_MODE_LABELS: Record<ReviewMode, string> = {
  participant: 'Each participant rates',
  group: 'Each group rates',
};

export const SCORE_MIN = 1;
export const SCORE_MAX = 5;

/** What the anchors of a criterion's 1-5 scale say at 1, 3 and 5. */
export interface ScaleAnchors {
  low: string;
  mid: string;
  high: string;
}

export interface ReviewCriterion {
  id: string;
  label: string;
  /** The question the criterion asks, in one sentence. */
  description: string;
  anchors: ScaleAnchors;
}

export type ReviewState = 'open' | 'closed';

/** Who gave a rating: one participant, or a group (a self-assessment, or a group's peer rating). */
export interface Rater {
  kind: 'participant' | 'group';
  id: string;
}

export interface Rating {
  rater: Rater;
  /** The rater's group when they rated (a participant may be in none). */
  raterGroupId: string | null;
  targetGroupId: string;
  /** The group's rating of its own practice. */
  self: boolean;
  /** Criterion id to score (SCORE_MIN..SCORE_MAX); a criterion left out was not scored. */
  scores: Record<string, number>;
  comment: string;
  /** The participant who saved it last (for a group's rating, any member). */
  updatedBy: string;
  updatedAt: number;
}

/** One peer-review round on a practice write-up exercise (at most one per exercise). */
export interface ReviewRound {
  id: string;
  exerciseId: string;
  mode: ReviewMode;
  criteria: ReviewCriterion[];
  /** Ratings can be given and changed only while open. */
  state: ReviewState;
  /** Participants and the projector see the comparison only once revealed. */
  revealed: boolean;
  openedAt: number;
  closedAt: number | null;
  ratings: Rating[];
}

/** Sizes the review schemas enforce (apart from the schemas, so the browser needs no zod). */
export const REVIEW_LIMITS = {
  rounds: 50,
  criteria: 10,
  criterionLabel: 60,
  criterionText: 200,
  comment: 500,
} as const;
