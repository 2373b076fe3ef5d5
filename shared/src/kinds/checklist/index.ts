import type * as Y from 'yjs';
import type { KindDocument } from '../kind.js';
import { checklistProgress, itemsOf, readItem, seedChecklist } from './document.js';

export const checklistDocument: KindDocument<'checklist'> = {
  seed: (doc, exercise, newId) => {
    if (exercise.template) seedChecklist(doc, exercise.template, newId);
  },
  read: (doc: Y.Doc) => ({ kind: 'checklist', items: itemsOf(doc).toArray().map(readItem) }),
  progress: checklistProgress,
};
