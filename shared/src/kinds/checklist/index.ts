import { kindDocument } from '../kind.js';
import {
  checklistProgress,
  itemsOf,
  readItem,
  seedChecklist,
  type ChecklistItem,
} from './document.js';
import { checklistMeta } from './meta.js';

export interface ChecklistContent {
  items: ChecklistItem[];
}

export const checklistDocument = kindDocument(checklistMeta, {
  seed: (doc, exercise, newId) => {
    if (exercise.template) seedChecklist(doc, exercise.template, newId);
  },
  read: (doc): ChecklistContent => ({ items: itemsOf(doc).toArray().map(readItem) }),
  progress: checklistProgress,
});
