import * as Y from 'yjs';
import { checklistTemplate } from './templates.js';
import { textOf, toYMap } from '../text-fields.js';

/**
 * The shape of a checklist document: Y.Array 'items' of Y.Map items. Each item has id, section,
 * text, notes, and once ticked checked and checkedBy (a display name); items of documents made before
 * may also have owner and due (YYYY-MM-DD). text, owner and notes are Y.Text (see text-fields.ts).
 */
export interface ChecklistItem {
  id: string;
  section: string;
  text: string;
  checked: boolean;
  checkedBy: string | null;
  owner: string;
  due: string;
  notes: string;
}

export const itemsOf = (doc: Y.Doc) => doc.getArray<Y.Map<unknown>>('items');

export function newItem(fields: Partial<ChecklistItem> & { id: string }): Y.Map<unknown> {
  const { owner = '', due = '', checked = false, checkedBy = null, ...rest } = fields;
  // An indicator has no owner or due date (only items of documents made before carry them), and
  // a new one is not ticked: an absent key reads as empty or unticked, and each key left out is
  // a few hundred bytes less of every loaded document on the server (an empty Y.Text about 500).
  const full = {
    section: '',
    text: '',
    notes: '',
    ...rest,
    ...(checked && { checked }),
    ...(owner !== '' && { owner }),
    ...(due !== '' && { due }),
    ...(checkedBy !== null && { checkedBy }),
  };
  return toYMap(full);
}

/**
 * Ticks an indicator (with who ticked it, when known) or unticks it. An unticked indicator holds
 * neither key: deleting them adds nothing to the document, where setting false and null would
 * add two values (and keep the two they replace) each time someone changes their mind.
 */
export function setTicked(m: Y.Map<unknown>, ticked: boolean, by: string | null): void {
  const write = () => {
    if (!ticked) {
      for (const key of ['checked', 'checkedBy']) if (m.has(key)) m.delete(key);
      return;
    }
    if (m.get('checked') !== true) m.set('checked', true);
    if (by === null) {
      if (m.has('checkedBy')) m.delete('checkedBy');
    } else if (m.get('checkedBy') !== by) m.set('checkedBy', by);
  };
  if (m.doc) m.doc.transact(write);
  else write();
}

export function readItem(m: Y.Map<unknown>): ChecklistItem {
  const s = (k: string) => {
    const v = m.get(k);
    return typeof v === 'string' ? v : '';
  };
  const checkedBy = m.get('checkedBy');
  return {
    id: s('id'),
    section: s('section'),
    text: textOf(m, 'text'),
    checked: m.get('checked') === true,
    checkedBy: typeof checkedBy === 'string' ? checkedBy : null,
    owner: textOf(m, 'owner'),
    due: s('due'),
    notes: textOf(m, 'notes'),
  };
}

/** Fills an empty document from a template (once, on the server, when the exercise starts). */
export function seedChecklist(doc: Y.Doc, templateId: string | null, newId: () => string): void {
  const template = checklistTemplate(templateId);
  if (!template) return;
  const items = itemsOf(doc);
  if (items.length > 0) return;
  doc.transact(() => {
    items.push(
      template.sections.flatMap((s) =>
        s.items.map((text) => newItem({ id: newId(), section: s.title, text })),
      ),
    );
  });
}

export function checklistProgress(doc: Y.Doc): { done: number; total: number } {
  const items = itemsOf(doc).toArray();
  return { done: items.filter((m) => m.get('checked') === true).length, total: items.length };
}
