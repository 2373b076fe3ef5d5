import {
  analyseGaps,
  LINK_KIND_LABELS,
  SECTOR_LABELS,
  type GapAnalysis,
  type NetworkMap,
} from '../../domain/network.js';
import { mdInline } from '../../domain/markdown-escape.js';
import { cell, plural, table } from '../../domain/report-format.js';
import { kindReport } from '../kind.js';
import type { MapContent } from './index.js';
import { mapMeta } from './meta.js';

export interface MapWork {
  map: NetworkMap;
  gaps: GapAnalysis;
  gapList: ReportGaps;
}

/** A referral map's gaps, by actor name and sector label. */
export interface ReportGaps {
  count: number;
  isolated: string[];
  notReferredTo: string[];
  refersToNobody: string[];
  missingSectors: string[];
  singlePoints: string[];
  pathToAssistance: boolean;
  pathToReintegration: boolean;
}

export function namedGaps(map: NetworkMap, gaps: GapAnalysis): ReportGaps {
  const names = new Map(map.actors.map((a) => [a.id, a.name.trim() || 'Unnamed actor']));
  const named = (ids: string[]) => ids.map((id) => names.get(id) ?? id);
  return {
    count: gaps.count,
    isolated: named(gaps.isolated),
    notReferredTo: named(gaps.notReferredTo),
    refersToNobody: named(gaps.refersToNobody),
    missingSectors: gaps.missingSectors.map((s) => SECTOR_LABELS[s]),
    singlePoints: named(gaps.singlePoints),
    pathToAssistance: gaps.pathToAssistance,
    pathToReintegration: gaps.pathToReintegration,
  };
}

/** What the report says of a group's map. */
export const mapReport = kindReport(mapMeta, {
  label: 'Referral-network map',
  work(content: MapContent | undefined): MapWork {
    const map = content?.map ?? { actors: [], links: [] };
    const gaps = analyseGaps(map);
    return { map, gaps, gapList: namedGaps(map, gaps) };
  },
  markdown(w: MapWork) {
    const { map, gapList: g } = w;
    const names = new Map(map.actors.map((a) => [a.id, a.name]));
    const out = [
      `${plural(map.actors.length, 'actor')}, ${plural(map.links.length, 'link')}, ${plural(g.count, 'gap')}.`,
      '',
    ];
    if (map.actors.length > 0)
      out.push(
        table(
          ['Actor', 'Sector', 'Contact (role)'],
          map.actors.map((a) => [cell(a.name), SECTOR_LABELS[a.sector], cell(a.contact)]),
        ),
        '',
      );
    if (map.links.length > 0)
      out.push(
        table(
          ['From', 'Link', 'To', 'Consent needed', 'Data shared'],
          map.links.map((l) => [
            cell(names.get(l.from) ?? ''),
            LINK_KIND_LABELS[l.kind] + (l.label ? `: ${mdInline(l.label)}` : ''),
            cell(names.get(l.to) ?? ''),
            l.consent ? 'yes' : 'no',
            cell(l.data),
          ]),
        ),
        '',
      );
    const gaps = [
      !g.pathToAssistance ? 'No referral path from a first contact to assistance.' : '',
      g.pathToAssistance && !g.pathToReintegration
        ? 'No referral path on from assistance to reintegration.'
        : '',
      g.isolated.length ? `Not linked to anyone: ${g.isolated.map(mdInline).join(', ')}.` : '',
      g.notReferredTo.length
        ? `Nobody refers victims to: ${g.notReferredTo.map(mdInline).join(', ')}.`
        : '',
      g.refersToNobody.length
        ? `Refer victims to nobody: ${g.refersToNobody.map(mdInline).join(', ')}.`
        : '',
      g.singlePoints.length
        ? `Single points of failure: ${g.singlePoints.map(mdInline).join(', ')}.`
        : '',
      g.missingSectors.length ? `Sectors missing: ${g.missingSectors.join(', ')}.` : '',
    ].filter(Boolean);
    if (gaps.length > 0) out.push('**Gap analysis**', '', ...gaps.map((x) => `- ${x}`), '');
    return out;
  },
});
