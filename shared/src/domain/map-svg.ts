/**
 * A referral map as a standalone SVG document (for download, print and the PNG export), built
 * from the model rather than scraped from the screen. Every piece of user text is escaped.
 */
import {
  clip,
  GAP_STYLE,
  LINK_STYLES,
  MAP_CATEGORIES,
  MAP_CATEGORY_LABELS,
  MAP_CATEGORY_STYLES,
  MAP_NODE,
  mapScene,
  type CategoryStyle,
  type MapScene,
} from './map-scene.js';
import { LINK_KINDS, LINK_KIND_LABELS, type GapAnalysis, type NetworkMap } from './network.js';

const XML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
};

/** Text made safe for XML content and attribute values; drops characters XML cannot hold. */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/[&<>"']/g, (c) => XML_ESCAPES[c]!);
}

const FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif";
const TEXT = '#1b2230';
const MUTED = '#465063';
const CONSENT = '#7a4d00';
/** Rough width of a character at 1px font size, to size boxes around text. */
const CHAR = 0.62;

type Attrs = Record<string, string | number | undefined>;
const attrs = (a: Attrs) =>
  Object.entries(a)
    .filter(([, v]) => v !== undefined && v !== '')
    .map(([k, v]) => ` ${k}="${typeof v === 'number' ? v : escapeXml(v!)}"`)
    .join('');
const el = (name: string, a: Attrs, body?: string) =>
  body === undefined ? `<${name}${attrs(a)}/>` : `<${name}${attrs(a)}>${body}</${name}>`;

/** The outline of a node of one category, at (x, y) with the node's size. */
function nodeShape(x: number, y: number, s: CategoryStyle, gap: boolean): string {
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

function drawScene(scene: MapScene): string {
  const out: string[] = [];
  for (const l of scene.links) {
    const s = l.style;
    out.push(
      el('path', {
        d: l.geometry.path,
        fill: 'none',
        stroke: s.stroke,
        'stroke-width': s.width,
        'stroke-dasharray': s.dash,
        'stroke-linecap': s.dash ? 'round' : undefined,
        'marker-end': `url(#arrow-${l.kind})`,
      }),
    );
  }
  for (const n of scene.nodes) {
    const { x, y } = n;
    const gap = n.gaps.length > 0;
    const textX = x + (n.style.bar ? 18 : 14);
    out.push(
      el(
        'g',
        {},
        el(
          'title',
          {},
          escapeXml(`${n.name} (${n.sectorLabel})${gap ? `: ${n.gaps.join(', ')}` : ''}`),
        ) +
          nodeShape(x, y, n.style, gap) +
          el(
            'text',
            {
              x: textX,
              y: y + (n.lines.length > 1 ? 25 : 33),
              'font-size': 15,
              'font-weight': 700,
              fill: TEXT,
            },
            n.lines
              .map((line, i) =>
                el('tspan', { x: textX, dy: i === 0 ? undefined : 19 }, escapeXml(line)),
              )
              .join(''),
          ) +
          el(
            'text',
            { x: textX, y: y + (n.lines.length > 1 ? 66 : 57), 'font-size': 12.5, fill: MUTED },
            escapeXml(clip(n.sectorLabel, 26)),
          ) +
          (gap
            ? el('rect', {
                x: x + MAP_NODE.width - 46,
                y: y - 12,
                width: 40,
                height: 22,
                rx: 11,
                fill: GAP_STYLE.stroke,
              }) +
              el(
                'text',
                {
                  x: x + MAP_NODE.width - 26,
                  y: y + 3.5,
                  'text-anchor': 'middle',
                  'font-size': 12.5,
                  'font-weight': 700,
                  fill: '#ffffff',
                },
                'gap',
              )
            : ''),
      ),
    );
  }
  // Labels last, so that no node hides them.
  for (const l of scene.links) {
    const label = clip(l.label, 28);
    if (!label && !l.consent) continue;
    const text = [label, l.consent ? 'consent' : ''].filter(Boolean).join(' · ');
    const width = Math.round(text.length * 13 * CHAR + 14);
    const x = l.geometry.labelX;
    const y = l.geometry.labelY;
    out.push(
      el(
        'g',
        {},
        el('rect', {
          x: x - width / 2,
          y: y - 11,
          width,
          height: 22,
          rx: 11,
          fill: '#ffffff',
          stroke: l.consent ? CONSENT : '#d5d9e0',
          'stroke-width': l.consent ? 1.5 : 1,
        }) +
          el(
            'text',
            { x, y: y + 4.5, 'text-anchor': 'middle', 'font-size': 13, fill: TEXT },
            (label ? escapeXml(label) : '') +
              (l.consent
                ? `${label ? ' · ' : ''}${el('tspan', { 'font-weight': 700, fill: CONSENT }, 'consent')}`
                : ''),
          ),
      ),
    );
  }
  return out.join('');
}

/** Arrowheads, one per kind of link, in the link's colour. */
function markers(): string {
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
function legend(top: number, width: number): { svg: string; height: number } {
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

export interface MapSvgOptions {
  /** Shown at the top and used as the accessible name. */
  title: string;
  /** A key to the colours and lines below the map (default true). */
  legend?: boolean;
}

/** The map as an SVG document (a string), with its title, the gap count and a key. */
export function mapSvg(
  map: NetworkMap,
  gaps: GapAnalysis | undefined,
  opts: MapSvgOptions,
): string {
  const scene = mapScene(map, gaps);
  const header = 56;
  const width = Math.ceil(Math.max(scene.box.width, 720));
  // Centre a narrow map; shift everything so the box starts at the margin.
  const dx = Math.round((width - scene.box.width) / 2 - scene.box.x);
  const dy = Math.round(header - scene.box.y);
  const mapBottom = header + scene.box.height;
  const key = opts.legend === false ? { svg: '', height: 0 } : legend(mapBottom, width);
  const height = Math.ceil(mapBottom + key.height);
  const summary = [
    `${map.actors.length} actor${map.actors.length === 1 ? '' : 's'}`,
    `${map.links.length} link${map.links.length === 1 ? '' : 's'}`,
    ...(gaps ? [`${gaps.count} gap${gaps.count === 1 ? '' : 's'}`] : []),
  ].join(' · ');
  const body = [
    el('title', { id: 'map-title' }, escapeXml(opts.title)),
    el('desc', { id: 'map-desc' }, escapeXml(`Referral-network map: ${summary}`)),
    el('defs', {}, markers()),
    el('rect', { x: 0, y: 0, width, height, fill: '#ffffff' }),
    el(
      'text',
      { x: 16, y: 28, 'font-size': 20, 'font-weight': 700, fill: TEXT },
      escapeXml(clip(opts.title, 80)),
    ),
    el('text', { x: 16, y: 48, 'font-size': 14, fill: MUTED }, escapeXml(summary)),
    map.actors.length === 0
      ? el(
          'text',
          { x: width / 2, y: header + 44, 'text-anchor': 'middle', 'font-size': 16, fill: MUTED },
          'No actors yet',
        )
      : el('g', { transform: `translate(${dx} ${dy})` }, drawScene(scene)),
    key.svg,
  ].join('');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    el(
      'svg',
      {
        xmlns: 'http://www.w3.org/2000/svg',
        width,
        height,
        viewBox: `0 0 ${width} ${height}`,
        role: 'img',
        'aria-labelledby': 'map-title map-desc',
        'font-family': FONT,
      },
      body,
    )
  );
}
