import { MAP_NODE, type Point } from './map-scene.js';

/** A box to draw a map in, in screen pixels. */
export interface Box {
  width: number;
  height: number;
}

/** Zoom that `fitView` gives a map of this size in `box` (xyflow's padding, capped). */
export function fitZoom(size: Box, box: Box, padding = 0.06, maxZoom = 3): number {
  return Math.min(
    box.width / (size.width * (1 + padding)),
    box.height / (size.height * (1 + padding)),
    maxZoom,
  );
}

/** Room between two bands of a folded map, for the links that run between them. */
const BAND_GAP = MAP_NODE.height;

function extent(actors: readonly Point[]): Box & { x: number; y: number } {
  const xs = actors.map((a) => a.x);
  const ys = actors.map((a) => a.y);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return {
    x,
    y,
    width: Math.max(...xs) - x + MAP_NODE.width,
    height: Math.max(...ys) - y + MAP_NODE.height,
  };
}

/** The actors cut into `n` vertical slices of the map, each moved under the one before it. */
function foldInto<A extends Point>(actors: readonly A[], n: number): A[] {
  const all = extent(actors);
  const span = all.width - MAP_NODE.width + 1;
  const bands = Array.from({ length: n }, () => [] as A[]);
  for (const a of actors) bands[Math.min(n - 1, Math.floor(((a.x - all.x) / span) * n))]!.push(a);
  const out: A[] = [];
  let top = 0;
  for (const band of bands.filter((b) => b.length > 0)) {
    const own = extent(band);
    for (const a of band) out.push({ ...a, x: a.x - own.x + all.x, y: a.y - own.y + all.y + top });
    top += own.height + BAND_GAP;
  }
  return out;
}

/**
 * A referral map as the projector draws it: a map too wide for its labels to be read at `readable`
 * zoom in `box` (the screen is wider than tall, a map of many actors side by side far more so) is
 * folded into bands, as a long line of text wraps: each vertical slice keeps its actors' places
 * and goes under the one before. The number of bands is the one that draws the map largest. A map
 * that already reads, or that folding would not enlarge, comes back as it is.
 */
export function foldForScreen<A extends Point>(
  actors: readonly A[],
  box: Box,
  readable: number,
): readonly A[] {
  if (actors.length < 2 || box.width <= 0 || box.height <= 0) return actors;
  let best: { zoom: number; actors: readonly A[] } = {
    zoom: fitZoom(extent(actors), box),
    actors,
  };
  if (best.zoom >= readable) return actors;
  for (let n = 2; n <= actors.length; n++) {
    const folded = foldInto(actors, n);
    const zoom = fitZoom(extent(folded), box);
    if (zoom > best.zoom + 1e-6) best = { zoom, actors: folded };
  }
  return best.actors;
}
