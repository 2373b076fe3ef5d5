/**
 * After the workshop: each participant's personal commitment, and check-ins at which each group
 * reports where its action plan stands. The objectives themselves, with their status, live in
 * the group's action-plan document (`kinds/action-plan/document.ts`); a check-in keeps a copy of them as
 * they were when the group answered, so progress can be read over time.
 */

export {
  FOLLOW_UP_LIMITS,
  PLAN_STATUS_LABELS,
  PLAN_STATUSES,
  type PlanStatus,
} from '../model/followup-kinds.js';
/** Check-ins and commitments: their schemas are their source (model/followup.ts). */
export type {
  CheckIn,
  CheckInAnswer,
  CheckInObjective,
  CheckInSelfAssessment,
  Commitment,
  CommitmentObjective,
  FollowUp,
} from '../model/followup.js';
import type { FollowUp } from '../model/followup.js';

/**
 * What one connection sees of the follow-up: the facilitator everything; a participant the
 * check-in dates, their own group's answers and their own commitment; the projector nothing.
 */
export type FollowUpView = FollowUp;

export const EMPTY_FOLLOW_UP: FollowUp = { checkIns: [], commitments: [] };
