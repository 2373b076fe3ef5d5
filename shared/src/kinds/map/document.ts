import * as Y from 'yjs';
import {
  LINK_KINDS,
  PATHWAYS,
  SECTORS,
  type MapActor,
  type MapLink,
  type NetworkMap,
} from '../../domain/network.js';
import { textOf, toYMap, writeField } from '../text-fields.js';

/**
 * A referral-network map: Y.Map 'actors' and Y.Map 'links', each keyed by id, each value a
 * Y.Map of fields (names, roles, labels and what data is shared as Y.Text). Keyed maps let two people move, edit and delete different actors at once;
 * a link whose actor is gone is ignored when read (and removed by whoever deletes the actor).
 */
export const actorsOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('actors');
export const linksOf = (doc: Y.Doc) => doc.getMap<Y.Map<unknown>>('links');

const str = (m: Y.Map<unknown>, k: string) => {
  const v = m.get(k);
  return typeof v === 'string' ? v : '';
};
const num = (m: Y.Map<unknown>, k: string) => {
  const v = m.get(k);
  return typeof v === 'number' && Number.isFinite(v) ? v : 0;
};
const oneOf = <T extends string>(list: readonly T[], v: unknown, fallback: T): T =>
  typeof v === 'string' && (list as readonly string[]).includes(v) ? (v as T) : fallback;

export function readActor(id: string, m: Y.Map<unknown>): MapActor {
  return {
    id,
    name: textOf(m, 'name'),
    sector: oneOf(SECTORS, m.get('sector'), 'other'),
    contact: textOf(m, 'contact'),
    x: num(m, 'x'),
    y: num(m, 'y'),
  };
}

export function readLink(id: string, m: Y.Map<unknown>): MapLink {
  return {
    id,
    from: str(m, 'from'),
    to: str(m, 'to'),
    kind: oneOf(LINK_KINDS, m.get('kind'), 'refers'),
    label: textOf(m, 'label'),
    consent: m.get('consent') === true,
    data: textOf(m, 'data'),
    pathway: oneOf(PATHWAYS, m.get('pathway'), 'both'),
  };
}

/** The map as plain data; links to missing actors are left out. Sorted by id for stable output. */
export function readMap(doc: Y.Doc): NetworkMap {
  const actors = [...actorsOf(doc)].map(([id, m]) => readActor(id, m));
  const ids = new Set(actors.map((a) => a.id));
  const links = [...linksOf(doc)]
    .map(([id, m]) => readLink(id, m))
    .filter((l) => ids.has(l.from) && ids.has(l.to));
  const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return { actors: actors.sort(byId), links: links.sort(byId) };
}

export function addActor(doc: Y.Doc, actor: MapActor): void {
  const { id, ...fields } = actor;
  actorsOf(doc).set(id, toYMap(fields));
}

export function addLink(doc: Y.Doc, link: MapLink): void {
  const { id, ...fields } = link;
  linksOf(doc).set(id, toYMap(fields));
}

/** Deletes an actor and every link to or from it, in one transaction. */
export function deleteActor(doc: Y.Doc, actorId: string): void {
  doc.transact(() => {
    actorsOf(doc).delete(actorId);
    for (const [id, m] of linksOf(doc))
      if (m.get('from') === actorId || m.get('to') === actorId) linksOf(doc).delete(id);
  });
}

type ActorFields = Partial<Omit<MapActor, 'id'>>;
type LinkFields = Partial<Omit<MapLink, 'id'>>;

function setFields(m: Y.Map<unknown> | undefined, fields: Record<string, unknown>): void {
  if (!m) return; // deleted meanwhile by someone else
  const write = () => {
    for (const [k, v] of Object.entries(fields)) if (v !== undefined) writeField(m, k, v);
  };
  if (m.doc) m.doc.transact(write);
  else write();
}

/** Changes some fields of an actor (only those that differ), if it still exists. */
export const setActor = (doc: Y.Doc, id: string, fields: ActorFields): void =>
  setFields(actorsOf(doc).get(id), fields);

/** Changes some fields of a link, if it still exists. */
export const setLink = (doc: Y.Doc, id: string, fields: LinkFields): void =>
  setFields(linksOf(doc).get(id), fields);

/** Moves many actors at once (an automatic layout), in one transaction. */
export function moveActors(doc: Y.Doc, positions: ReadonlyMap<string, { x: number; y: number }>) {
  doc.transact(() => {
    for (const [id, p] of positions) setActor(doc, id, { x: Math.round(p.x), y: Math.round(p.y) });
  });
}

export const deleteLink = (doc: Y.Doc, linkId: string): void => {
  linksOf(doc).delete(linkId);
};

export function mapProgress(doc: Y.Doc): { actors: number; links: number } {
  const map = readMap(doc);
  return { actors: map.actors.length, links: map.links.length };
}
