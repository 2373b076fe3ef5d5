import { z } from 'zod';
import { LIMITS as L } from '../limits.js';
import { id, isoDate, str, time } from './fields.js';
import { FOLLOW_UP_LIMITS as F, PLAN_STATUSES } from './followup-kinds.js';
import { ScoresSchema } from './review.js';
import { REVIEW_LIMITS as R } from './review-kinds.js';

/** One objective of a group's plan, as the group reported it at a check-in. */
export const CheckInObjectiveSchema = z.object({
  artifactId: id,
  objectiveId: id,
  /** The objective's action, as written then. */
  action: str(F.objectiveAction),
  status: z.enum(PLAN_STATUSES),
  note: str(F.progressNote),
});
export type CheckInObjective = z.output<typeof CheckInObjectiveSchema>;

/** Scores (SCORE_MIN..SCORE_MAX) by criterion id of one peer-review round. */
export const CheckInSelfAssessmentSchema = z.object({ roundId: id, scores: ScoresSchema });
export type CheckInSelfAssessment = z.output<typeof CheckInSelfAssessmentSchema>;

/** A group's answer to a check-in; a later answer of the same group replaces it. */
export const CheckInAnswerSchema = z.object({
  groupId: id,
  objectives: z.array(CheckInObjectiveSchema).max(F.objectivesPerAnswer),
  note: str(F.note),
  /** Display name of the participant who sent it. */
  answeredBy: str(L.name),
  answeredAt: time,
  /** The group's self-assessment of its practice re-run at this check-in, per peer-review round. */
  selfAssessments: z.array(CheckInSelfAssessmentSchema).max(R.rounds).optional(),
});
export type CheckInAnswer = z.output<typeof CheckInAnswerSchema>;

/** A date, set by the facilitator, at which each group reports on its plan (e.g. 3 months on). */
export const CheckInSchema = z.object({
  id,
  title: str(F.checkInTitle),
  /** YYYY-MM-DD. */
  dueOn: isoDate,
  createdAt: time,
  answers: z.array(CheckInAnswerSchema).max(L.groups),
});
export type CheckIn = z.output<typeof CheckInSchema>;

/** The objective of the group's plan a commitment is tied to. */
export const CommitmentObjectiveSchema = z.object({
  artifactId: id,
  objectiveId: id,
  /** The objective's action when the commitment was written (the plan may change later). */
  action: str(F.objectiveAction),
});
export type CommitmentObjective = z.output<typeof CommitmentObjectiveSchema>;

/** What one participant commits to do after the workshop (one per participant). */
export const CommitmentSchema = z.object({
  participantId: id,
  text: str(F.commitment).min(1),
  objective: CommitmentObjectiveSchema.nullable(),
  updatedAt: time,
});
export type Commitment = z.output<typeof CommitmentSchema>;

export const FollowUpSchema = z.object({
  checkIns: z.array(CheckInSchema).max(F.checkIns),
  commitments: z.array(CommitmentSchema).max(L.participants),
});
export type FollowUp = z.output<typeof FollowUpSchema>;
