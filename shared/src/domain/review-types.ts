/**
 * Peer review between groups: each group presents a practice (a practice write-up exercise),
 * rates it itself, is rated by the others on shared criteria, and compares.
 */

export {
  REVIEW_LIMITS,
  REVIEW_MODE_LABELS,
  REVIEW_MODES,
  SCORE_MAX,
  SCORE_MIN,
  type ReviewMode,
} from '../model/review-kinds.js';
/** A round, its criteria and ratings: the schema is their source (model/review.ts). */
export type {
  Rater,
  Rating,
  ReviewCriterion,
  ReviewRound,
  ReviewState,
  ScaleAnchors,
} from '../model/review.js';
