import type { LinkKind, MapCategory, Pathway, Sector } from '@plenary/shared';
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
