import type { BudgetLine } from '../../domain/budget.js';
import { kindDocument, NO_PROGRESS } from '../kind.js';
import { readLines } from './document.js';
import { budgetMeta } from './meta.js';

export interface BudgetContent {
  lines: BudgetLine[];
}

export const budgetDocument = kindDocument(budgetMeta, {
  read: (doc): BudgetContent => ({ lines: readLines(doc) }),
  // Nothing to tick: a summary, once there is a line.
  progress: (doc) => {
    if (!doc.share.has('lines')) return NO_PROGRESS;
    const lines = readLines(doc);
    const allocated = lines.reduce((sum, l) => sum + l.amount, 0);
    return { ...NO_PROGRESS, summary: { lines: lines.length, allocated } };
  },
});
