import type { KindMeta } from '../kind-meta.js';

/** A group's SMART objectives, kept and followed after the workshop. */
export const actionPlanMeta = {
  kind: 'action-plan',
  label: 'SMART action plan',
  rules: {},
} as const satisfies KindMeta;
