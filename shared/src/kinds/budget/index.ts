import { NO_PROGRESS, type KindDocument } from '../kind.js';
import { readLines } from './document.js';

export const budgetDocument: KindDocument<'budget'> = {
  read: (doc) => ({ kind: 'budget', lines: readLines(doc) }),
  // Nothing to tick: a summary, once there is a line.
  progress: (doc) => {
    if (!doc.share.has('lines')) return NO_PROGRESS;
    const lines = readLines(doc);
    const allocated = lines.reduce((sum, l) => sum + l.amount, 0);
    return { ...NO_PROGRESS, summary: { lines: lines.length, allocated } };
  },
};
