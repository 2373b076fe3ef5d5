import { analyseGaps, type NetworkMap } from '../../domain/network.js';
import { kindDocument, NO_PROGRESS } from '../kind.js';
import { readMap } from './document.js';
import { mapMeta } from './meta.js';

export interface MapContent {
  map: NetworkMap;
}

export const mapDocument = kindDocument(mapMeta, {
  read: (doc): MapContent => ({ map: readMap(doc) }),
  // Nothing to tick: a summary, once there is an actor.
  progress: (doc) => {
    if (!doc.share.has('actors')) return NO_PROGRESS;
    const map = readMap(doc);
    const gaps = analyseGaps(map).count;
    return {
      ...NO_PROGRESS,
      summary: { actors: map.actors.length, links: map.links.length, gaps },
    };
  },
});
