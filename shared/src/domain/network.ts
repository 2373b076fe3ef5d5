/**
 * Referral networks: who refers a victim of trafficking to whom. The graph model and its gap
 * analysis are pure; the co-edited Yjs document lives in `kinds/map/document.ts`.
 */

export const SECTORS = [
  'police',
  'labour',
  'hotline',
  'community',
  'prosecution',
  'welfare',
  'health',
  'shelter',
  'ngo',
  'legal',
  'reintegration',
  'embassy',
  'international',
  'other',
] as const;
export type Sector = (typeof SECTORS)[number];

export const SECTOR_LABELS: Record<Sector, string> = {
  police: 'Police',
  labour: 'Labour inspection',
  hotline: 'Hotline',
  community: 'Community group',
  prosecution: 'Prosecutors and courts',
  welfare: 'Social welfare',
  health: 'Health services',
  shelter: 'Shelter',
  ngo: 'NGO',
  legal: 'Legal aid',
  reintegration: 'Reintegration and livelihood',
  embassy: 'Embassy or consulate',
  international: 'International organisation (IOM, UNHCR, UNODC…)',
  other: 'Other',
};

/** Where a victim is usually first identified. */
export const FIRST_CONTACT: readonly Sector[] = ['police', 'labour', 'hotline', 'community'];
/** Where a victim gets assistance (shelter, care, counselling, legal help). */
export const ASSISTANCE: readonly Sector[] = ['welfare', 'health', 'shelter', 'ngo', 'legal'];
/** Where assistance leads on to recovery and a livelihood. */
export const REINTEGRATION: readonly Sector[] = ['reintegration'];
/** Sectors a network may well do without: every other one missing is a gap. */
const OPTIONAL_SECTORS: readonly Sector[] = ['community', 'embassy', 'international', 'other'];
/** A referral network without one of these has a gap. */
export const STANDARD_SECTORS: readonly Sector[] = SECTORS.filter(
  (s) => !OPTIONAL_SECTORS.includes(s),
);

export const LINK_KINDS = ['refers', 'informs', 'funds', 'other'] as const;
export type LinkKind = (typeof LINK_KINDS)[number];
export const LINK_KIND_LABELS: Record<LinkKind, string> = {
  refers: 'Refers victim to',
  informs: 'Shares information with',
  funds: 'Funds',
  other: 'Other',
};

export const PATHWAYS = ['both', 'adult', 'child'] as const;
export type Pathway = (typeof PATHWAYS)[number];
export const PATHWAY_LABELS: Record<Pathway, string> = {
  both: 'Adults and children',
  adult: 'Adults',
  child: 'Children',
};

export interface MapActor {
  id: string;
  name: string;
  sector: Sector;
  /** Optional: the role to contact (never a person's name), e.g. "Duty officer, anti-trafficking unit". */
  contact: string;
  x: number;
  y: number;
}

export interface MapLink {
  id: string;
  from: string;
  to: string;
  kind: LinkKind;
  label: string;
  /** The victim's informed consent is required before this referral or data sharing. */
  consent: boolean;
  /** What data is shared along this link. */
  data: string;
  pathway: Pathway;
}

export interface NetworkMap {
  actors: MapActor[];
  links: MapLink[];
}

export interface GapAnalysis {
  /** Actors with no link at all. */
  isolated: string[];
  /** Actors (other than first-contact ones) that nobody refers a victim to. */
  notReferredTo: string[];
  /** Actors (other than reintegration ones) that refer victims to nobody. */
  refersToNobody: string[];
  /** Standard sectors with no actor on the map. */
  missingSectors: Sector[];
  /** Actors whose removal cuts every referral path from some first contact to assistance. */
  singlePoints: string[];
  /** A referral path exists from a first-contact actor to an assistance actor. */
  pathToAssistance: boolean;
  /** …and on from assistance to reintegration. */
  pathToReintegration: boolean;
  /** How many gaps in all (each list entry, each missing path). */
  count: number;
}

const inSectors = (sectors: readonly Sector[]) => (a: MapActor) => sectors.includes(a.sector);

/** Actors reachable from `start` along referral links, never passing through `without`. */
function reachable(
  start: readonly string[],
  next: ReadonlyMap<string, readonly string[]>,
  without?: string,
): Set<string> {
  const seen = new Set<string>();
  const queue = start.filter((id) => id !== without);
  for (const id of queue) seen.add(id);
  while (queue.length > 0) {
    const id = queue.shift()!;
    for (const to of next.get(id) ?? []) {
      if (to === without || seen.has(to)) continue;
      seen.add(to);
      queue.push(to);
    }
  }
  return seen;
}

/** Gap analysis of a referral network, computed from referral links ("refers victim to"). */
export function analyseGaps(map: NetworkMap): GapAnalysis {
  const ids = new Set(map.actors.map((a) => a.id));
  const links = map.links.filter((l) => ids.has(l.from) && ids.has(l.to) && l.from !== l.to);
  const referrals = links.filter((l) => l.kind === 'refers');
  const next = new Map<string, string[]>();
  for (const l of referrals) next.set(l.from, [...(next.get(l.from) ?? []), l.to]);

  const linked = new Set(links.flatMap((l) => [l.from, l.to]));
  const referredTo = new Set(referrals.map((l) => l.to));
  const referring = new Set(referrals.map((l) => l.from));
  const first = map.actors.filter(inSectors(FIRST_CONTACT)).map((a) => a.id);
  const assistance = new Set(map.actors.filter(inSectors(ASSISTANCE)).map((a) => a.id));
  const reintegration = new Set(map.actors.filter(inSectors(REINTEGRATION)).map((a) => a.id));

  const isolated = map.actors.filter((a) => !linked.has(a.id)).map((a) => a.id);
  const notReferredTo = map.actors
    .filter((a) => linked.has(a.id) && !FIRST_CONTACT.includes(a.sector) && !referredTo.has(a.id))
    .map((a) => a.id);
  const refersToNobody = map.actors
    .filter((a) => linked.has(a.id) && !REINTEGRATION.includes(a.sector) && !referring.has(a.id))
    .map((a) => a.id);
  const present = new Set(map.actors.map((a) => a.sector));
  const missingSectors = STANDARD_SECTORS.filter((s) => !present.has(s));

  // Which first contacts reach assistance at all; an actor is a single point of failure when,
  // without it, one of those first contacts no longer does. That includes an assistance actor
  // that is the only one reached, or the only way on to the others.
  const reachesAssistance = (from: string, without?: string) =>
    [...reachable([from], next, without)].some((id) => assistance.has(id) && id !== from);
  const connectedFirst = first.filter((f) => reachesAssistance(f));
  const singlePoints = map.actors
    .filter((a) => connectedFirst.some((f) => f !== a.id && !reachesAssistance(f, a.id)))
    .map((a) => a.id)
    // A first contact that is the only one reaching assistance is also a single point of failure.
    .concat(connectedFirst.length === 1 ? connectedFirst : [])
    .filter((id, i, all) => all.indexOf(id) === i);

  const pathToAssistance = connectedFirst.length > 0;
  const fromFirst = reachable(first, next);
  const assisted = [...fromFirst].filter((id) => assistance.has(id));
  const pathToReintegration = [...reachable(assisted, next)].some((id) => reintegration.has(id));

  return {
    isolated,
    notReferredTo,
    refersToNobody,
    missingSectors,
    singlePoints,
    pathToAssistance,
    pathToReintegration,
    count:
      isolated.length +
      notReferredTo.length +
      refersToNobody.length +
      missingSectors.length +
      singlePoints.length +
      (pathToAssistance ? 0 : 1) +
      (pathToReintegration ? 0 : 1),
  };
}
