import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  checklistProgress,
  itemsOf,
  newItem,
  readItem,
  seedChecklist,
} from '../../shared/src/kinds/checklist/document.js';

const ids = () => {
  let n = 0;
  return () => `item-${++n}`;
};

describe('a checklist document', () => {
  it('seeds indicators with only the keys an indicator uses', () => {
    const doc = new Y.Doc();
    seedChecklist(doc, 'identification-adult', ids());
    const items = itemsOf(doc).toArray();
    expect(items.length).toBeGreaterThan(5);
    for (const m of items) {
      // An empty owner was an empty Y.Text in every loaded document; due and the tick, two more
      // values per indicator. None is shown for an indicator until it is used.
      expect([...m.keys()].sort()).toEqual(['id', 'notes', 'section', 'text']);
      expect(m.get('text')).toBeInstanceOf(Y.Text);
      expect(m.get('notes')).toBeInstanceOf(Y.Text);
    }
    expect(readItem(items[0]!)).toMatchObject({
      checked: false,
      checkedBy: null,
      owner: '',
      due: '',
      notes: '',
    });
    expect(checklistProgress(doc)).toEqual({ done: 0, total: items.length });
  });

  it('keeps what an older item carries when it is copied (moved up or down)', () => {
    const legacy = {
      id: 'old',
      section: 'Work',
      text: 'Works excessive hours',
      checked: true,
      checkedBy: 'Ana',
      owner: 'Labour inspector',
      due: '2026-03-01',
      notes: 'Seen at the port',
    };
    const doc = new Y.Doc();
    itemsOf(doc).push([newItem(legacy)]);
    const copy = new Y.Doc();
    itemsOf(copy).push([newItem(readItem(itemsOf(doc).get(0)))]);
    expect(readItem(itemsOf(copy).get(0))).toEqual(legacy);
    expect(checklistProgress(copy)).toEqual({ done: 1, total: 1 });
  });
});
