import type { KindMeta } from '../kind-meta.js';

/** Which agency refers a victim to which: actors, links and the gaps between them. */
export const mapMeta = {
  kind: 'map',
  rules: {},
} as const satisfies KindMeta;
