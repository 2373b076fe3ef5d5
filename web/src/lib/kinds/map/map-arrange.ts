import { MAP_NODE, type NetworkMap } from '@plenary/shared';

/**
 * Positions (top-left corners) for every actor, laid out left to right along the links by dagre.
 * dagre is loaded on first use only: most people never press "Arrange automatically".
 */
export async function arrange(map: NetworkMap): Promise<Map<string, { x: number; y: number }>> {
  const { default: dagre } = await import('@dagrejs/dagre');
  const g = new dagre.graphlib.Graph({ multigraph: true });
  g.setGraph({ rankdir: 'LR', nodesep: 60, ranksep: 200, marginx: 20, marginy: 20 });
  g.setDefaultEdgeLabel(() => ({}));
  for (const a of map.actors) g.setNode(a.id, { width: MAP_NODE.width, height: MAP_NODE.height });
  for (const l of map.links) g.setEdge(l.from, l.to, {}, l.id);
  dagre.layout(g);
  const out = new Map<string, { x: number; y: number }>();
  for (const a of map.actors) {
    const n = g.node(a.id) as { x: number; y: number } | undefined;
    if (n) out.set(a.id, { x: n.x - MAP_NODE.width / 2, y: n.y - MAP_NODE.height / 2 });
  }
  return out;
}
