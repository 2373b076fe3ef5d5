import { z } from 'zod';
import { time } from './fields.js';

/**
 * Time is data: the server stores when a running timer ends, or what a paused one has left.
 * Nobody broadcasts ticks; every screen counts down from `endsAt` with its clock offset.
 */
export const TimerSchema = z.discriminatedUnion('status', [
  z.object({ status: z.literal('idle'), durationMs: time }),
  z.object({ status: z.literal('running'), durationMs: time, endsAt: time }),
  z.object({ status: z.literal('paused'), durationMs: time, remainingMs: time }),
]);

export type Timer = z.output<typeof TimerSchema>;
