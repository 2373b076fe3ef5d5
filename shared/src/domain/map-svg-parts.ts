/** The pieces of a referral map's SVG export: node outlines, arrowheads and the key. */
import {
  GAP_STYLE,
  LINK_STYLES,
  MAP_CATEGORIES,
  MAP_CATEGORY_LABELS,
  MAP_CATEGORY_STYLES,
  MAP_NODE,
  type CategoryStyle,
} from './map-scene.js';
import { LINK_KINDS, LINK_KIND_LABELS } from './network.js';
import { CHAR, CONSENT, el, escapeXml, TEXT } from './svg.js';

/** The outline of a node of one category, at (x, y) with the node's size. */
export function nodeShape(x: number, y: number, s: CategoryStyle, gap: boolean): string {
  const { width: w, height: h } = MAP_NODE;
  const parts = [];
  if (gap)
    parts.push(
      el('rect', {
        x: x - 6,
        y: y - 6,
        width: w + 12,
        height: h + 12,
        rx: Math.min(s.radius + 6, (h + 12) / 2),
        fill: GAP_STYLE.fill,
        stroke: GAP_STYLE.stroke,
        'stroke-width': 2.5,
        'stroke-dasharray': GAP_STYLE.dash,
      }),
    );
  parts.push(
    el('rect', {
      x,
      y,
      width: w,
      height: h,
      rx: s.radius,
      fill: s.fill,
      stroke: s.stroke,
      'stroke-width': 2,
      'stroke-dasharray': s.dash,
    }),
  );
  if (s.double)
    parts.push(
      el('rect', {
        x: x + 4,
        y: y + 4,
        width: w - 8,
        height: h - 8,
        rx: Math.max(0, s.radius - 4),
        fill: 'none',
        stroke: s.stroke,
        'stroke-width': 1.5,
      }),
    );
  if (s.bar) parts.push(el('rect', { x, y, width: 8, height: h, fill: s.stroke }));
  return parts.join('');
}

/** Arrowheads, one per kind of link, in the link's colour. */
export function markers(): string {
  return LINK_KINDS.map((k) =>
    el(
      'marker',
      {
        id: `arrow-${k}`,
        viewBox: '0 0 10 10',
        refX: 9,
        refY: 5,
        markerWidth: 7,
        markerHeight: 7,
        orient: 'auto-start-reverse',
        markerUnits: 'strokeWidth',
      },
      el('path', { d: 'M 0 0 L 10 5 L 0 10 z', fill: LINK_STYLES[k].stroke }),
    ),
  ).join('');
}

/** The key to colours, shapes and lines, `width` wide, starting at `top`. */
export function legend(top: number, width: number): { svg: string; height: number } {
  const out: string[] = [];
  let x = 16;
  let y = top + 18;
  const place = (w: number) => {
    if (x + w > width - 16 && x > 16) {
      x = 16;
      y += 34;
    }
    const at = x;
    x += w;
    return at;
  };
  out.push(el('text', { x: 16, y, 'font-size': 14, 'font-weight': 700, fill: TEXT }, 'Key'));
  y += 14;
  for (const c of MAP_CATEGORIES) {
    const label = MAP_CATEGORY_LABELS[c];
    const s = MAP_CATEGORY_STYLES[c];
    const at = place(40 + label.length * 14 * CHAR + 20);
    out.push(
      el('rect', {
        x: at,
        y,
        width: 32,
        height: 20,
        rx: Math.min(s.radius, 10),
        fill: s.fill,
        stroke: s.stroke,
        'stroke-width': 2,
        'stroke-dasharray': s.dash ? '4 3' : '',
      }) +
        (s.bar ? el('rect', { x: at, y, width: 5, height: 20, fill: s.stroke }) : '') +
        (s.double
          ? el('rect', {
              x: at + 3,
              y: y + 3,
              width: 26,
              height: 14,
              rx: 6,
              fill: 'none',
              stroke: s.stroke,
            })
          : '') +
        el('text', { x: at + 40, y: y + 15, 'font-size': 14, fill: TEXT }, escapeXml(label)),
    );
  }
  x = width; // next row
  for (const k of LINK_KINDS) {
    const label = LINK_KIND_LABELS[k];
    const s = LINK_STYLES[k];
    const at = place(52 + label.length * 14 * CHAR + 20);
    out.push(
      el('line', {
        x1: at,
        y1: y + 10,
        x2: at + 42,
        y2: y + 10,
        stroke: s.stroke,
        'stroke-width': s.width,
        'stroke-dasharray': s.dash,
        'marker-end': `url(#arrow-${k})`,
      }) + el('text', { x: at + 52, y: y + 15, 'font-size': 14, fill: TEXT }, escapeXml(label)),
    );
  }
  x = width;
  const consentText = 'Informed consent required';
  const consentAt = place(80 + consentText.length * 14 * CHAR + 24);
  out.push(
    el('rect', {
      x: consentAt,
      y: y,
      width: 70,
      height: 20,
      rx: 10,
      fill: '#ffffff',
      stroke: CONSENT,
      'stroke-width': 1.5,
    }) +
      el(
        'text',
        {
          x: consentAt + 35,
          y: y + 14.5,
          'text-anchor': 'middle',
          'font-size': 13,
          'font-weight': 700,
          fill: CONSENT,
        },
        'consent',
      ) +
      el('text', { x: consentAt + 80, y: y + 15, 'font-size': 14, fill: TEXT }, consentText),
  );
  const gapText = 'Actor with a gap (dashed red outline)';
  const gapAt = place(46 + gapText.length * 14 * CHAR + 24);
  out.push(
    el('rect', {
      x: gapAt,
      y,
      width: 36,
      height: 20,
      rx: 10,
      fill: GAP_STYLE.stroke,
    }) +
      el(
        'text',
        {
          x: gapAt + 18,
          y: y + 14.5,
          'text-anchor': 'middle',
          'font-size': 12,
          'font-weight': 700,
          fill: '#ffffff',
        },
        'gap',
      ) +
      el('text', { x: gapAt + 46, y: y + 15, 'font-size': 14, fill: TEXT }, gapText),
  );
  return { svg: out.join(''), height: y + 20 + 16 - top };
}
