import type { KindMeta } from '../kind-meta.js';

/** A city's practice, written up section by section for its peers to rate. */
export const practiceMeta = {
  kind: 'practice',
  rules: { peerReview: true },
} as const satisfies KindMeta;
