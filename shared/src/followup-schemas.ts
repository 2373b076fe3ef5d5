import { z } from 'zod';
import { FOLLOW_UP_LIMITS as L, PLAN_STATUSES } from './domain/followup-types.js';
import { REVIEW_LIMITS, SCORE_MAX, SCORE_MIN } from './domain/review-types.js';
import { Id, optionalVisibleText, visibleText } from './field-rules.js';

/**
 * Inputs of the follow-up commands (check-ins and personal commitments), spread into
 * `CommandInputs` in schemas.ts. schemas.ts imports this file, so it does not import schemas.ts.
 */

const id = Id;
const required = visibleText;
/** At its default (empty) when left out: these commands replace the whole record. */
const optional = (label: string, max: number) => optionalVisibleText(label, max).default('');

export const DueDate = z
  .string({ error: 'Choose a date' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Use a date like 2027-03-01' })
  // Round-tripped, not just parsed: Date.parse takes 2027-02-31 and means 3 March.
  .refine(
    (s) => {
      const t = Date.parse(`${s}T00:00:00Z`);
      return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s;
    },
    { error: 'Not a real date' },
  );

const checkInObjective = z.object({
  artifactId: id,
  objectiveId: id,
  action: optional('Objective', L.objectiveAction),
  status: z.enum(PLAN_STATUSES, { error: 'Status must be planned, in progress or done' }),
  note: optional('Progress note', L.progressNote),
});

export const FollowUpCommandInputs = {
  'checkin.add': z.object({
    title: required('Check-in title', L.checkInTitle),
    dueOn: DueDate,
  }),
  'checkin.update': z.object({
    checkInId: id,
    title: required('Check-in title', L.checkInTitle).optional(),
    dueOn: DueDate.optional(),
  }),
  'checkin.delete': z.object({ checkInId: id }),
  'checkin.answer': z.object({
    checkInId: id,
    note: optional('Note', L.note),
    objectives: z
      .array(checkInObjective)
      .max(L.objectivesPerAnswer, { error: `At most ${L.objectivesPerAnswer} objectives` })
      .default([]),
    /** The group's practice rated again, per peer-review round (optional). */
    selfAssessments: z
      .array(
        z.object({
          roundId: id,
          scores: z
            .record(id, z.number().int().min(SCORE_MIN).max(SCORE_MAX))
            .refine((s) => Object.keys(s).length <= REVIEW_LIMITS.criteria, {
              error: 'Too many scores',
            }),
        }),
      )
      .max(REVIEW_LIMITS.rounds)
      .default([]),
  }),
  /** An empty text withdraws the commitment. */
  'commitment.set': z.object({
    text: optional('Commitment', L.commitment),
    objective: z
      .object({
        artifactId: id,
        objectiveId: id,
        action: optional('Objective', L.objectiveAction),
      })
      .nullable()
      .default(null),
  }),
} as const;
