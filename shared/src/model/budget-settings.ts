import { z } from 'zod';
import { LIMITS } from '../limits.js';
import { PILLARS } from './pillars.js';

/** A share bound in percent; absent or null: no bound. */
const percent = z.number().min(0).max(100).nullable().default(null);

/**
 * What the facilitator sets for a budgeting exercise: the fixed envelope (whole units of an ISO
 * 4217 currency) and optional bounds on each pillar's share. The schema is the type's source: the
 * launch and budget commands, a restored backup and the console's form parse with it.
 */
export const BudgetSettingsSchema = z.object({
  envelope: z
    .number({ error: 'The envelope must be a number' })
    .int({ error: 'The envelope is a whole amount' })
    .min(1, { error: 'The envelope must be more than 0' })
    .max(LIMITS.envelope, { error: 'That envelope is too large' }),
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, { error: 'Use a three-letter currency code, like USD' }),
  shares: z
    .partialRecord(z.enum(PILLARS), z.object({ min: percent, max: percent }))
    .default({})
    .refine(
      (shares) =>
        Object.values(shares).every(
          (b) => !b || b.min === null || b.max === null || b.min <= b.max,
        ),
      { error: 'A minimum share cannot be above the maximum' },
    )
    .refine((shares) => Object.values(shares).reduce((sum, b) => sum + (b?.min ?? 0), 0) <= 100, {
      error: 'The minimum shares add up to more than 100%',
    }),
});

export type BudgetSettings = z.output<typeof BudgetSettingsSchema>;
/** Optional bounds on a pillar's share of the envelope, in percent. */
export type ShareBounds = NonNullable<BudgetSettings['shares'][keyof BudgetSettings['shares']]>;
