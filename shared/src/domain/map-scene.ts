/**
 * How a referral map is drawn: sector categories with their colours and shapes, link styles,
 * and the geometry of nodes and links. Pure data, shared by the live editor, the SVG export and
 * the projector's thumbnail, so all three look alike.
 */
import {
  ASSISTANCE,
  FIRST_CONTACT,
  REINTEGRATION,
  SECTOR_LABELS,
  type GapAnalysis,
  type LinkKind,
  type MapLink,
  type NetworkMap,
  type Sector,
} from './network.js';

export const MAP_CATEGORIES = ['first', 'assistance', 'reintegration', 'justice', 'other'] as const;
export type MapCategory = (typeof MAP_CATEGORIES)[number];

export const MAP_CATEGORY_LABELS: Record<MapCategory, string> = {
  first: 'First contact',
  assistance: 'Assistance',
  reintegration: 'Reintegration',
  justice: 'Justice',
  other: 'Other',
};

export interface CategoryStyle {
  /** Border and text accent; at least 4.5:1 on `fill`. */
  stroke: string;
  fill: string;
  /** Corner radius in px; half the node height makes a pill. */
  radius: number;
  /** SVG stroke-dasharray, or '' for a solid border. */
  dash: string;
  /** A second, inner border (reintegration). */
  double: boolean;
  /** A thick bar down the left side (justice). */
  bar: boolean;
}

/** Size of an actor on the map, in map units (px at zoom 1). */
export const MAP_NODE = { width: 200, height: 80 } as const;

/** Colour and shape per category: never colour alone, the shape differs too. */
export const MAP_CATEGORY_STYLES: Record<MapCategory, CategoryStyle> = {
  first: { stroke: '#0b5c8a', fill: '#e2f0f9', radius: 36, dash: '', double: false, bar: false },
  assistance: {
    stroke: '#17693a',
    fill: '#e3f4e9',
    radius: 10,
    dash: '',
    double: false,
    bar: false,
  },
  reintegration: {
    stroke: '#8a4600',
    fill: '#fcecdc',
    radius: 10,
    dash: '',
    double: true,
    bar: false,
  },
  justice: { stroke: '#6d2a8c', fill: '#f2e7f7', radius: 2, dash: '', double: false, bar: true },
  other: { stroke: '#4a5466', fill: '#eef0f3', radius: 6, dash: '6 4', double: false, bar: false },
};

export function categoryOf(sector: Sector): MapCategory {
  if (FIRST_CONTACT.includes(sector)) return 'first';
  if (ASSISTANCE.includes(sector)) return 'assistance';
  if (REINTEGRATION.includes(sector)) return 'reintegration';
  if (sector === 'prosecution') return 'justice';
  return 'other';
}

export interface LinkStyle {
  stroke: string;
  width: number;
  /** SVG stroke-dasharray, or '' for a solid line. */
  dash: string;
}

/** One style per kind of link: referrals solid and dark, the others dashed or dotted. */
export const LINK_STYLES: Record<LinkKind, LinkStyle> = {
  refers: { stroke: '#1b2230', width: 2.5, dash: '' },
  informs: { stroke: '#1f4fa8', width: 2, dash: '8 5' },
  funds: { stroke: '#7a4d00', width: 2.5, dash: '2 5' },
  other: { stroke: '#5a6375', width: 2, dash: '12 4 3 4' },
};

/** Outline of an actor that shows up in the gap analysis. */
export const GAP_STYLE = { stroke: '#a3211a', fill: '#fbe9e7', dash: '5 3' } as const;

export interface Point {
  x: number;
  y: number;
}

/** Where the segment from the centre of a node towards `toward` leaves the node's box. */
function boxExit(centre: Point, toward: Point, margin: number): Point {
  const dx = toward.x - centre.x;
  const dy = toward.y - centre.y;
  if (dx === 0 && dy === 0) return centre;
  const hw = MAP_NODE.width / 2 + margin;
  const hh = MAP_NODE.height / 2 + margin;
  const t = Math.min(
    dx === 0 ? Infinity : hw / Math.abs(dx),
    dy === 0 ? Infinity : hh / Math.abs(dy),
  );
  return { x: centre.x + dx * t, y: centre.y + dy * t };
}

const round = (n: number) => Math.round(n * 10) / 10;

export interface LinkGeometry {
  /** SVG path data, from the edge of one node to the edge of the other. */
  path: string;
  /** Where the label goes (the middle of the curve). */
  labelX: number;
  labelY: number;
}

/**
 * A link between two nodes given by their top-left corners: straight, or bent sideways by
 * `bend` map units (so that links between the same two actors do not overlap).
 */
export function linkGeometry(from: Point, to: Point, bend = 0): LinkGeometry {
  const a = { x: from.x + MAP_NODE.width / 2, y: from.y + MAP_NODE.height / 2 };
  const b = { x: to.x + MAP_NODE.width / 2, y: to.y + MAP_NODE.height / 2 };
  const len = Math.hypot(b.x - a.x, b.y - a.y) || 1;
  // Normal to the left of the direction a → b.
  const n = { x: (a.y - b.y) / len, y: (b.x - a.x) / len };
  const mid = { x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
  // A quadratic curve through its control point c passes `bend` from the middle when c is 2·bend.
  const c = { x: mid.x + n.x * bend * 2, y: mid.y + n.y * bend * 2 };
  const start = boxExit(a, bend ? c : b, 2);
  const end = boxExit(b, bend ? c : a, 4);
  const labelX = round(bend ? (start.x + 2 * c.x + end.x) / 4 : (start.x + end.x) / 2);
  const labelY = round(bend ? (start.y + 2 * c.y + end.y) / 4 : (start.y + end.y) / 2);
  const path = bend
    ? `M ${round(start.x)} ${round(start.y)} Q ${round(c.x)} ${round(c.y)} ${round(end.x)} ${round(end.y)}`
    : `M ${round(start.x)} ${round(start.y)} L ${round(end.x)} ${round(end.y)}`;
  return { path, labelX, labelY };
}

/** How far each link bends: links between the same two actors (either way) fan out. */
export function linkBends(
  links: readonly Pick<MapLink, 'id' | 'from' | 'to'>[],
): Map<string, number> {
  const groups = new Map<string, Array<Pick<MapLink, 'id' | 'from' | 'to'>>>();
  for (const l of links) {
    const key = l.from < l.to ? `${l.from} ${l.to}` : `${l.to} ${l.from}`;
    groups.set(key, [...(groups.get(key) ?? []), l]);
  }
  const bends = new Map<string, number>();
  for (const group of groups.values()) {
    const sorted = [...group].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
    sorted.forEach((l, i) => {
      const offset = group.length === 1 ? 0 : (i - (group.length - 1) / 2) * 44;
      // Offsets are counted for the direction low id → high id; the other way the normal flips.
      bends.set(l.id, l.from < l.to ? offset : -offset);
    });
  }
  return bends;
}

/** Where a new actor goes: the first free place on a grid, left to right, top to bottom. */
export function freeSpot(actors: readonly Point[], columns = 3): Point {
  // Room between actors for a link and its label.
  const stepX = MAP_NODE.width + 140;
  const stepY = MAP_NODE.height + 90;
  const taken = (p: Point) =>
    actors.some(
      (a) =>
        Math.abs(a.x - p.x) < MAP_NODE.width + 20 && Math.abs(a.y - p.y) < MAP_NODE.height + 20,
    );
  for (let i = 0; ; i++) {
    const p = { x: (i % columns) * stepX, y: Math.floor(i / columns) * stepY };
    if (!taken(p)) return p;
  }
}

/** Every reason an actor shows up in the gap analysis, in words. */
export function gapReasons(gaps: GapAnalysis, actorId: string): string[] {
  const reasons: string[] = [];
  if (gaps.isolated.includes(actorId)) reasons.push('no links');
  if (gaps.notReferredTo.includes(actorId)) reasons.push('nobody refers to it');
  if (gaps.refersToNobody.includes(actorId)) reasons.push('refers to nobody');
  if (gaps.singlePoints.includes(actorId)) reasons.push('single point of failure');
  return reasons;
}

/** Shortens text to `max` characters with an ellipsis. */
export function clip(text: string, max: number): string {
  const t = text.trim().replace(/\s+/g, ' ');
  return t.length > max ? `${t.slice(0, max - 1).trimEnd()}…` : t;
}

/** Splits a name into at most `lines` lines of about `width` characters, clipping the last. */
export function wrapText(text: string, width: number, lines: number): string[] {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const out: string[] = [];
  let line = '';
  for (const [i, word] of words.entries()) {
    const next = line ? `${line} ${word}` : word;
    if (next.length <= width || !line) {
      line = next;
      continue;
    }
    if (out.length === lines - 1) {
      out.push(clip(`${line} ${words.slice(i).join(' ')}`, width));
      return out;
    }
    out.push(line);
    line = word;
  }
  if (line) out.push(clip(line, width));
  return out;
}

export interface SceneNode {
  id: string;
  x: number;
  y: number;
  name: string;
  /** The name in one or two lines that fit the node. */
  lines: string[];
  sector: Sector;
  sectorLabel: string;
  category: MapCategory;
  style: CategoryStyle;
  gaps: string[];
}

export interface SceneLink {
  id: string;
  kind: LinkKind;
  label: string;
  consent: boolean;
  style: LinkStyle;
  geometry: LinkGeometry;
}

export interface MapScene {
  /** The box that holds everything, with a margin: an SVG viewBox. */
  box: { x: number; y: number; width: number; height: number };
  nodes: SceneNode[];
  links: SceneLink[];
}

/** The map laid out for drawing: nodes, links and the box around them. */
export function mapScene(map: NetworkMap, gaps?: GapAnalysis, margin = 24): MapScene {
  const at = new Map(map.actors.map((a) => [a.id, a]));
  const bends = linkBends(map.links);
  const nodes = map.actors.map((a) => {
    const category = categoryOf(a.sector);
    return {
      id: a.id,
      x: a.x,
      y: a.y,
      name: a.name,
      lines: wrapText(a.name || 'Unnamed', 18, 2),
      sector: a.sector,
      sectorLabel: SECTOR_LABELS[a.sector],
      category,
      style: MAP_CATEGORY_STYLES[category],
      gaps: gaps ? gapReasons(gaps, a.id) : [],
    };
  });
  const links = map.links.flatMap((l) => {
    const from = at.get(l.from);
    const to = at.get(l.to);
    if (!from || !to || from === to) return [];
    return [
      {
        id: l.id,
        kind: l.kind,
        label: l.label,
        consent: l.consent,
        style: LINK_STYLES[l.kind],
        geometry: linkGeometry(from, to, bends.get(l.id) ?? 0),
      },
    ];
  });
  if (nodes.length === 0)
    return { box: { x: 0, y: 0, width: MAP_NODE.width, height: MAP_NODE.height }, nodes, links };
  const xs = nodes.map((n) => n.x);
  const ys = nodes.map((n) => n.y);
  // Bent links and their labels can reach past the nodes.
  const lx = links.map((l) => l.geometry.labelX);
  const ly = links.map((l) => l.geometry.labelY);
  const minX = Math.min(...xs, ...lx.map((x) => x - 60)) - margin;
  const minY = Math.min(...ys, ...ly.map((y) => y - 20)) - margin;
  const maxX = Math.max(...xs.map((x) => x + MAP_NODE.width), ...lx.map((x) => x + 60)) + margin;
  const maxY = Math.max(...ys.map((y) => y + MAP_NODE.height), ...ly.map((y) => y + 20)) + margin;
  return {
    box: { x: minX, y: minY, width: maxX - minX, height: maxY - minY },
    nodes,
    links,
  };
}
