import { analyseGaps } from '../../domain/network.js';
import { NO_PROGRESS, type KindDocument } from '../kind.js';
import { readMap } from './document.js';

export const mapDocument: KindDocument<'map'> = {
  read: (doc) => ({ kind: 'map', map: readMap(doc) }),
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
};
