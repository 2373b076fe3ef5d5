import type { KindMeta } from '../kind-meta.js';

/** A fixed envelope split across the pillars, line by line, within the bounds set. */
export const budgetMeta = {
  kind: 'budget',
  rules: { budget: true },
} as const satisfies KindMeta;
