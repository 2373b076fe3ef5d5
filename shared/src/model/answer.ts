import { z } from 'zod';
import { Id } from '../field-rules.js';
import { LIMITS } from '../limits.js';

/**
 * A ballot: one per poll kind. The schema is the one source of the type: commands parse a vote
 * with it, a restored backup its stored ballots, and the domain reads `Answer`.
 */
const optionId = Id;

export const AnswerSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('single'), optionId }),
  z.object({ kind: z.literal('quiz'), optionId }),
  z.object({ kind: z.literal('multiple'), optionIds: z.array(optionId).max(LIMITS.pollOptions) }),
  z.object({ kind: z.literal('scale'), value: z.number().int().min(0).max(10) }),
  z.object({ kind: z.literal('ranking'), order: z.array(optionId).max(LIMITS.pollOptions) }),
  z.object({
    kind: z.literal('open'),
    text: z
      .string()
      .trim()
      .min(1, { error: 'Write an answer' })
      .max(LIMITS.openAnswer, { error: `At most ${LIMITS.openAnswer} characters` }),
  }),
  z.object({
    kind: z.literal('points'),
    points: z
      .record(optionId, z.number().int().min(0).max(1000))
      .refine((r) => Object.keys(r).length <= LIMITS.pollOptions, { error: 'Too many options' }),
  }),
]);

export type Answer = z.output<typeof AnswerSchema>;
