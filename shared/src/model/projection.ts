import { z } from 'zod';
import { Id as id } from '../field-rules.js';

/**
 * What the projector shows besides the current activity and timer. The schema is the one source
 * of the type: the command that changes it and a restored backup parse with it.
 */
export const ProjectionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('activity') }),
  z.object({ kind: z.literal('poll'), pollId: id }),
  z.object({ kind: z.literal('question'), questionId: id }),
  /** One group's work, full screen (read-only). */
  z.object({ kind: z.literal('artifact'), artifactId: id }),
  /** Every group's work for one exercise, side by side. */
  z.object({ kind: z.literal('exercise'), exerciseId: id }),
  /** The comparison of a peer-review round (on this exercise). */
  z.object({ kind: z.literal('review'), exerciseId: id }),
]);

export type Projection = z.output<typeof ProjectionSchema>;
