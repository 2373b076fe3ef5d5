import type { KindMeta } from '../kind-meta.js';

/** A group's SMART objectives, kept and followed after the workshop. */
export const actionPlanMeta = {
  kind: 'action-plan',
  rules: { followUp: true },
} as const satisfies KindMeta;
