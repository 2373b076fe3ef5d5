import { z } from 'zod';
import { LIMITS as L } from '../limits.js';
import { AnswerSchema } from './answer.js';
import { id, int, str, time } from './fields.js';
import { POLL_KINDS } from './poll-kinds.js';

export const PollOptionSchema = z.object({
  id,
  label: str(L.optionLabel),
  /** Quiz only: whether choosing this option is a correct answer. */
  correct: z.boolean(),
});
export type PollOption = z.output<typeof PollOptionSchema>;

export const ScaleSpecSchema = z.object({
  min: int.min(0).max(10),
  max: int.min(1).max(10),
  minLabel: str(40),
  maxLabel: str(40),
});
export type ScaleSpec = z.output<typeof ScaleSpecSchema>;

/** A quiz question that belongs to a knowledge check taken before or after the training. */
export const KnowledgeCheckTagSchema = z.object({
  phase: z.enum(['pre', 'post']),
  /** The same question in the other phase, when it has one. */
  twinId: id.nullable(),
});
export type KnowledgeCheckTag = z.output<typeof KnowledgeCheckTagSchema>;

/**
 * Where a poll's results are shown: on the projector, and on every phone. A phone whose owner
 * has answered sees them either way; the projector always shows how many have answered.
 */
export const ResultsShownSchema = z.object({ screen: z.boolean(), phones: z.boolean() });
export type ResultsShown = z.output<typeof ResultsShownSchema>;

export const PollSchema = z.object({
  id,
  kind: z.enum(POLL_KINDS),
  question: str(L.pollQuestion),
  options: z.array(PollOptionSchema).max(L.pollOptions),
  /** Multiple choice: how many options one may pick. */
  maxChoices: int.min(1).max(L.pollOptions),
  scale: ScaleSpecSchema,
  /** Points allocation: how many points each participant spreads. */
  pointsTotal: int.min(1).max(1000),
  /**
   * Anonymous: ballots are keyed by a ballot key the server derives from the participant's secret
   * token (which it never stores), so the stored data cannot link a voter to a choice.
   */
  anonymous: z.boolean(),
  state: z.enum(['draft', 'open', 'closed']),
  /** Where the facilitator shows the results (read it with `resultsShown`). */
  shown: ResultsShownSchema.optional(),
  /** Polls stored before `shown`: results on the projector and on every phone at once. */
  revealed: z.boolean().optional(),
  activityId: id.nullable(),
  check: KnowledgeCheckTagSchema.nullable(),
  createdAt: time,
  /** Ballots by participant id (named) or ballot key (anonymous). */
  ballots: z
    .record(z.string().regex(/^[A-Za-z0-9_-]{1,128}$/), AnswerSchema)
    .refine((b) => Object.keys(b).length <= L.participants, { error: 'Too many ballots' }),
  /** Who has voted, sorted by id so the order says nothing about when. */
  voters: z.array(id).max(L.participants),
});
export type Poll = z.output<typeof PollSchema>;

export type PollState = Poll['state'];
