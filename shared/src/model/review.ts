import { z } from 'zod';
import { LIMITS as L } from '../limits.js';
import { id, int, str, time } from './fields.js';
import { REVIEW_LIMITS as R, REVIEW_MODES, SCORE_MAX, SCORE_MIN } from './review-kinds.js';

/** Criterion id to score (SCORE_MIN..SCORE_MAX); a criterion left out was not scored. */
export const ScoresSchema = z
  .record(id, int.min(SCORE_MIN).max(SCORE_MAX))
  .refine((s) => Object.keys(s).length <= R.criteria, { error: 'Too many scores' });

/** What the anchors of a criterion's 1-5 scale say at 1, 3 and 5. */
export const ScaleAnchorsSchema = z.object({
  low: str(R.criterionText),
  mid: str(R.criterionText),
  high: str(R.criterionText),
});
export type ScaleAnchors = z.output<typeof ScaleAnchorsSchema>;

export const ReviewCriterionSchema = z.object({
  id,
  label: str(R.criterionLabel),
  /** The question the criterion asks, in one sentence. */
  description: str(R.criterionText),
  anchors: ScaleAnchorsSchema,
});
export type ReviewCriterion = z.output<typeof ReviewCriterionSchema>;

/** Who gave a rating: one participant, or a group (a self-assessment, or a group's peer rating). */
export const RaterSchema = z.object({ kind: z.enum(['participant', 'group']), id });
export type Rater = z.output<typeof RaterSchema>;

export const RatingSchema = z.object({
  rater: RaterSchema,
  /** The rater's group when they rated (a participant may be in none). */
  raterGroupId: id.nullable(),
  targetGroupId: id,
  /** The group's rating of its own practice. */
  self: z.boolean(),
  scores: ScoresSchema,
  comment: str(R.comment),
  /** The participant who saved it last (for a group's rating, any member). */
  updatedBy: id,
  updatedAt: time,
});
export type Rating = z.output<typeof RatingSchema>;

/** One peer-review round on a practice write-up exercise (at most one per exercise). */
export const ReviewRoundSchema = z.object({
  id,
  exerciseId: id,
  mode: z.enum(REVIEW_MODES),
  criteria: z.array(ReviewCriterionSchema).max(R.criteria),
  /** Ratings can be given and changed only while open. */
  state: z.enum(['open', 'closed']),
  /** Participants and the projector see the comparison only once revealed. */
  revealed: z.boolean(),
  openedAt: time,
  closedAt: time.nullable(),
  ratings: z.array(RatingSchema).max(L.participants * L.groups),
});
export type ReviewRound = z.output<typeof ReviewRoundSchema>;

export type ReviewState = ReviewRound['state'];
