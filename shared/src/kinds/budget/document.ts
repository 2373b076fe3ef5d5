import * as Y from 'yjs';
import { cleanAmount, type BudgetLine } from '../../domain/budget.js';
import { PILLARS } from '../../domain/group-types.js';
import { textOf, toYMap } from '../text-fields.js';

/**
 * A budget: Y.Array 'lines' of Y.Map lines (id, pillar, description, amount, justification,
 * notes; description, justification and notes are Y.Text). Amounts are numbers; anything else reads as 0.
 */
export const linesOf = (doc: Y.Doc) => doc.getArray<Y.Map<unknown>>('lines');

export function newLine(fields: Partial<BudgetLine> & { id: string }): Y.Map<unknown> {
  const full: BudgetLine = {
    pillar: 'prevention',
    description: '',
    amount: 0,
    justification: '',
    notes: '',
    ...fields,
  };
  return toYMap({ ...full });
}

export function readLine(m: Y.Map<unknown>): BudgetLine {
  const s = (k: string) => {
    const v = m.get(k);
    return typeof v === 'string' ? v : '';
  };
  const pillar = m.get('pillar');
  return {
    id: s('id'),
    pillar: PILLARS.find((p) => p === pillar) ?? 'prevention',
    description: textOf(m, 'description'),
    amount: cleanAmount(m.get('amount')),
    justification: textOf(m, 'justification'),
    notes: textOf(m, 'notes'),
  };
}

export const readLines = (doc: Y.Doc): BudgetLine[] => linesOf(doc).toArray().map(readLine);
