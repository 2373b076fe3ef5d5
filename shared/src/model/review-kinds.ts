// Peer review's modes, score range and sizes: without zod, as the pages read them.

/** Who gives peer ratings: every participant, or every group as one. */
export const REVIEW_MODES = ['participant', 'group'] as const;
export type ReviewMode = (typeof REVIEW_MODES)[number];

export const REVIEW_MODE_LABELS: Record<ReviewMode, string> = {
  participant: 'Each participant rates',
  group: 'Each group rates',
};

export const SCORE_MIN = 1;
export const SCORE_MAX = 5;

/** Sizes the review schemas enforce (apart from the schemas, so the browser needs no zod). */
export const REVIEW_LIMITS = {
  rounds: 50,
  criteria: 10,
  criterionLabel: 60,
  criterionText: 200,
  comment: 500,
} as const;
