import type { KindMeta } from '../kind-meta.js';

/** Indicators to tick, in sections, from a template (identification, referral readiness). */
export const checklistMeta = {
  kind: 'checklist',
  rules: { template: true },
} as const satisfies KindMeta;
