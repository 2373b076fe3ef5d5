import type { GapAnalysis, LinkKind, Locale, MapCategory, Pathway, Sector } from '@plenary/shared';
import { formatList, formatNumber } from '$lib/i18n/intl';
import { getLocale } from '$lib/i18n/messages.svelte';
import { m } from '$lib/paraglide/messages';

/** A referral map's sectors in the page's language (shared's SECTOR_LABELS stay English). */
const SECTOR_NAMES: Record<Sector, () => string> = {
  police: m.map_sector_police,
  labour: m.map_sector_labour,
  hotline: m.map_sector_hotline,
  community: m.map_sector_community,
  prosecution: m.map_sector_prosecution,
  welfare: m.map_sector_welfare,
  health: m.map_sector_health,
  shelter: m.map_sector_shelter,
  ngo: m.map_sector_ngo,
  legal: m.map_sector_legal,
  reintegration: m.map_sector_reintegration,
  embassy: m.map_sector_embassy,
  international: m.map_sector_international,
  other: m.map_sector_other,
};

/** "No shelter", "No NGO": a whole message per sector, so each language words it its own way. */
const MISSING: Record<Sector, () => string> = {
  police: m.map_missing_police,
  labour: m.map_missing_labour,
  hotline: m.map_missing_hotline,
  community: m.map_missing_community,
  prosecution: m.map_missing_prosecution,
  welfare: m.map_missing_welfare,
  health: m.map_missing_health,
  shelter: m.map_missing_shelter,
  ngo: m.map_missing_ngo,
  legal: m.map_missing_legal,
  reintegration: m.map_missing_reintegration,
  embassy: m.map_missing_embassy,
  international: m.map_missing_international,
  other: m.map_missing_other,
};

export const sectorLabel = (s: Sector): string => SECTOR_NAMES[s]();
export const missingSectorText = (s: Sector): string => MISSING[s]();

const LINK_KINDS: Record<LinkKind, () => string> = {
  refers: m.map_link_kind_refers,
  informs: m.map_link_kind_informs,
  funds: m.map_link_kind_funds,
  other: m.map_link_kind_other,
};

const PATHWAYS: Record<Pathway, () => string> = {
  both: m.map_pathway_both,
  adult: m.map_pathway_adult,
  child: m.map_pathway_child,
};

export const linkKindLabel = (k: LinkKind): string => LINK_KINDS[k]();
export const pathwayLabel = (p: Pathway): string => PATHWAYS[p]();
/** An actor's name as the group wrote it, or "Unnamed" in the page's language. */
export const actorName = (name: string): string => name || m.map_unnamed();

const CATEGORIES: Record<MapCategory, () => string> = {
  first: m.map_category_first,
  assistance: m.map_category_assistance,
  reintegration: m.map_category_reintegration,
  justice: m.map_category_justice,
  other: m.map_category_other,
};

export const categoryLabel = (c: MapCategory): string => CATEGORIES[c]();

/**
 * Why an actor is a gap, in the page's language, as one message ("Gap: no links, refers to
 * nobody."); empty when it is not one. The reasons are joined the language's way (Intl).
 */
export function gapText(gaps: GapAnalysis, actorId: string): string {
  const reasons = (
    [
      [gaps.isolated, m.map_reason_isolated],
      [gaps.notReferredTo, m.map_reason_not_referred],
      [gaps.refersToNobody, m.map_reason_refers_nobody],
      [gaps.singlePoints, m.map_reason_single],
    ] as const
  ).flatMap(([ids, reason]) => (ids.includes(actorId) ? [reason()] : []));
  return reasons.length ? m.map_gap_reasons({ reasons: formatList(getLocale(), reasons) }) : '';
}

const EDGE_NAMES: Record<LinkKind, (i: { from: string; to: string }) => string> = {
  refers: m.map_edge_refers,
  informs: m.map_edge_informs,
  funds: m.map_edge_funds,
  other: m.map_edge_other,
};

/** What a link says, as a sentence a screen reader reads: "City police refers a victim to …". */
export const linkSentence = (kind: LinkKind, from: string, to: string, consent: boolean): string =>
  consent
    ? m.map_edge_with_consent({ link: EDGE_NAMES[kind]({ from, to }) })
    : EDGE_NAMES[kind]({ from, to });

/** "3 actors · 2 links · 1 gap", with the numbers in the language's digits and plurals. */
export const mapSummary = (
  map: { actors: readonly unknown[]; links: readonly unknown[] },
  gapCount: number,
  locale: Locale = getLocale(),
): string =>
  m.map_summary(
    {
      actors: formatNumber(locale, map.actors.length),
      links: formatNumber(locale, map.links.length),
      gaps: formatNumber(locale, gapCount),
    },
    { locale },
  );
