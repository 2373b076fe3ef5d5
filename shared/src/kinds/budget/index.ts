import { plural } from '../../domain/report-format.js';
import { NO_PROGRESS, type KindDocument } from '../kind.js';
import { readLines } from './document.js';

export const budgetDocument: KindDocument<'budget'> = {
  read: (doc) => ({ kind: 'budget', lines: readLines(doc) }),
  // Nothing to tick: a summary, once there is a line.
  progress: (doc) => {
    if (!doc.share.has('lines')) return NO_PROGRESS;
    const lines = readLines(doc);
    const total = lines.reduce((sum, l) => sum + l.amount, 0);
    return {
      ...NO_PROGRESS,
      summary: `${plural(lines.length, 'line')} · ${total.toLocaleString('en-US')} allocated`,
    };
  },
};
