// The follow-up's statuses and sizes: without zod, as the pages read them.

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
