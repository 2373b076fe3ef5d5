import type { KindMeta } from '../kind-meta.js';

/** A case told in stages: at each, the indicators the group sees and where it would refer. */
export const vignetteMeta = {
  kind: 'vignette',
  rules: { template: true, stages: true },
} as const satisfies KindMeta;
