import { z } from 'zod';
import { Id } from '../field-rules.js';

/**
 * The pieces the stored shapes are made of. Stored ids keep the rules of new ones: they end up
 * in links, tokens and file names.
 */
export const id = Id;
export const str = (max: number) => z.string().max(max);
export const int = z.number().int();
/** A time on the server's clock, or a duration, in ms. */
export const time = int.min(0);
/** A day, YYYY-MM-DD. */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Use a date like 2026-11-23' });
