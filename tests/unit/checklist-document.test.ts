import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  checklistProgress,
  itemsOf,
  newItem,
  readItem,
  seedChecklist,
  setTicked,
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

describe('ticking an indicator', () => {
  it('records who ticked it, and unticking leaves neither key behind', () => {
    const doc = new Y.Doc();
    seedChecklist(doc, 'identification-adult', ids());
    const item = itemsOf(doc).get(0);
    setTicked(item, true, 'Ana');
    expect(readItem(item)).toMatchObject({ checked: true, checkedBy: 'Ana' });
    expect(checklistProgress(doc).done).toBe(1);
    const size = Y.encodeStateAsUpdate(doc).length;
    setTicked(item, false, 'Ana');
    expect(item.has('checked') || item.has('checkedBy')).toBe(false);
    expect(readItem(item)).toMatchObject({ checked: false, checkedBy: null });
    // Unticking only deletes: no new value is written (setting false and null wrote two).
    expect(Y.encodeStateAsUpdate(doc).length).toBeLessThan(size + 8);
    setTicked(item, true, null);
    expect(readItem(item)).toMatchObject({ checked: true, checkedBy: null });
  });

  it('agrees on the tick when two people tick at once, and keeps a note written meanwhile', () => {
    const a = new Y.Doc();
    seedChecklist(a, 'identification-adult', ids());
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    setTicked(itemsOf(a).get(0), true, 'Ana');
    setTicked(itemsOf(b).get(0), true, 'Budi');
    (itemsOf(b).get(1).get('notes') as Y.Text).insert(0, 'Seen at the port');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readItem(itemsOf(a).get(0))).toEqual(readItem(itemsOf(b).get(0)));
    expect(readItem(itemsOf(a).get(0)).checked).toBe(true);
    expect(['Ana', 'Budi']).toContain(readItem(itemsOf(a).get(0)).checkedBy);
    // Then one unticks while the other writes a note on it: both land.
    setTicked(itemsOf(a).get(0), false, 'Ana');
    (itemsOf(b).get(0).get('notes') as Y.Text).insert(0, 'Ask the interpreter');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    for (const doc of [a, b])
      expect(readItem(itemsOf(doc).get(0))).toMatchObject({
        checked: false,
        checkedBy: null,
        notes: 'Ask the interpreter',
      });
    expect(readItem(itemsOf(a).get(1)).notes).toBe('Seen at the port');
  });
});
