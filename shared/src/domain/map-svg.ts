/**
 * A referral map as a standalone SVG document (for download, print and the PNG export), built
 * from the model rather than scraped from the screen. Every piece of user text is escaped.
 */
import { clip, GAP_STYLE, MAP_NODE, mapScene, type MapScene } from './map-scene.js';
import type { GapAnalysis, NetworkMap } from './network.js';
import { CHAR, CONSENT, el, escapeXml, FONT, MUTED, TEXT } from './svg.js';
import { legend, markers, nodeShape } from './map-svg-parts.js';

export { escapeXml } from './svg.js';

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
