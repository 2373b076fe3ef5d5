import { z } from 'zod';
import { LIMITS as L } from '../limits.js';
import { id, str, time } from './fields.js';

export const QUESTION_STATES = ['open', 'answered', 'hidden'] as const;

/** A question from the floor. */
export const FloorQuestionSchema = z.object({
  id,
  text: str(L.questionText),
  /** Null when asked anonymously. */
  authorId: id.nullable(),
  authorName: str(L.name).nullable(),
  upvoters: z.array(id).max(L.participants),
  state: z.enum(QUESTION_STATES),
  createdAt: time,
});

export type FloorQuestion = z.output<typeof FloorQuestionSchema>;
export type QuestionState = FloorQuestion['state'];
