import type { Edge, Node } from '@xyflow/svelte';
import type { LinkKind, MapCategory } from '@plenary/shared';

/** What is selected on the map, in the lists and in the details panel: one actor or one link. */
export type MapSelection = { kind: 'actor' | 'link'; id: string } | null;

export type ActorNode = Node<
  { name: string; sectorLabel: string; category: MapCategory; gap: boolean },
  'actor'
>;

export type LinkEdge = Edge<
  { kind: LinkKind; label: string; consent: boolean; bend: number },
  'link'
>;
