import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  actorsOf,
  itemsOf,
  linesOf,
  linksOf,
  newItem,
  objectivesOf,
  readDocumentContent,
  readItem,
  readLine,
  readMap,
  readPlan,
  setActor,
  upgradeTextFields,
  writeField,
  writtenObjectives,
} from '@plenary/shared/docs';

const map = (fields: Record<string, unknown>) => {
  const m = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(fields)) m.set(k, v);
  return m;
};

/** A document as the pages made it before: every field a plain string in its Y.Map. */
function oldShapeDoc(): Y.Doc {
  const doc = new Y.Doc();
  doc.transact(() => {
    itemsOf(doc).push([
      map({ id: 'i1', section: 'S', text: 'Debt bondage', checked: true, notes: 'Seen twice' }),
      map({ id: 'i2', section: 'S', text: 'Passport held', owner: 'Ana', due: '2026-01-02' }),
    ]);
    objectivesOf(doc).push([
      map({ id: 'o1', action: 'Train 40 labour inspectors', status: 'done', progress: 'Half' }),
    ]);
    linesOf(doc).push([map({ id: 'l1', pillar: 'protection', description: 'Shelter', amount: 5 })]);
    actorsOf(doc).set('a', map({ name: 'Police', sector: 'police', contact: 'Desk', x: 1, y: 2 }));
    actorsOf(doc).set('b', map({ name: 'Shelter', sector: 'shelter', contact: '', x: 3, y: 4 }));
    linksOf(doc).set('l', map({ from: 'a', to: 'b', kind: 'refers', label: 'Hands over' }));
  });
  return doc;
}

const copyOf = (doc: Y.Doc) => {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
};

const everything = (doc: Y.Doc) => ({
  items: readDocumentContent('checklist', doc),
  plan: readPlan(doc),
  lines: linesOf(doc).toArray().map(readLine),
  map: readMap(doc),
});

describe('text fields as Y.Text', () => {
  it('upgrades every string text field of an old document to a Y.Text with the same words', () => {
    const doc = oldShapeDoc();
    const before = everything(doc);
    expect(upgradeTextFields(doc)).toBeInstanceOf(Uint8Array);
    expect(everything(doc)).toEqual(before);
    const item = itemsOf(doc).get(0);
    expect(item.get('notes')).toBeInstanceOf(Y.Text);
    expect(item.get('text')).toBeInstanceOf(Y.Text);
    expect(item.get('checked')).toBe(true); // a choice stays a value
    expect(item.get('section')).toBe('S');
    expect(objectivesOf(doc).get(0).get('progress')).toBeInstanceOf(Y.Text);
    expect(objectivesOf(doc).get(0).get('status')).toBe('done');
    expect(linesOf(doc).get(0).get('description')).toBeInstanceOf(Y.Text);
    expect(linesOf(doc).get(0).get('amount')).toBe(5);
    expect(actorsOf(doc).get('a')!.get('contact')).toBeInstanceOf(Y.Text);
    expect(linksOf(doc).get('l')!.get('label')).toBeInstanceOf(Y.Text);
  });

  it('is idempotent: a second upgrade changes nothing', () => {
    const doc = oldShapeDoc();
    upgradeTextFields(doc);
    const state = Y.encodeStateAsUpdate(doc);
    expect(upgradeTextFields(doc)).toBeNull();
    expect(Y.encodeStateAsUpdate(doc)).toEqual(state);
  });

  it('makes the same edit in two processes that load the same state, so their Y.Texts are one', () => {
    const stored = Y.encodeStateAsUpdate(oldShapeDoc());
    const [a, b] = [new Y.Doc(), new Y.Doc()];
    Y.applyUpdate(a, stored);
    Y.applyUpdate(b, stored);
    const ua = upgradeTextFields(a)!;
    const ub = upgradeTextFields(b)!;
    expect(ub).toEqual(ua);
    // One process's user types into the upgraded text; the other's upgrade arrives after.
    const notes = itemsOf(a).get(0).get('notes') as Y.Text;
    notes.insert(notes.length, ', confirmed');
    Y.applyUpdate(a, ub);
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readItem(itemsOf(a).get(0)).notes).toBe('Seen twice, confirmed');
    expect(readItem(itemsOf(b).get(0)).notes).toBe('Seen twice, confirmed');
    expect(a.clientID).not.toBe(b.clientID); // each keeps its own id for its own edits
  });

  it('keeps the words of an upgraded copy when an old backup and the upgrade meet', () => {
    const old = oldShapeDoc();
    const upgraded = copyOf(old);
    upgradeTextFields(upgraded);
    const restored = copyOf(old);
    Y.applyUpdate(restored, Y.encodeStateAsUpdate(upgraded));
    expect(everything(restored)).toEqual(everything(old));
  });

  it('writes a new value into a Y.Text as the smallest edit, so concurrent typing merges', () => {
    const a = new Y.Doc();
    itemsOf(a).push([newItem({ id: 'i', text: 'Wage withheld' })]);
    const b = copyOf(a);
    writeField(itemsOf(a).get(0), 'text', 'Wage withheld for months');
    writeField(itemsOf(b).get(0), 'text', 'Every wage withheld');
    Y.applyUpdate(a, Y.encodeStateAsUpdate(b));
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    expect(readItem(itemsOf(a).get(0)).text).toBe('Every wage withheld for months');
    expect(readItem(itemsOf(b).get(0)).text).toBe('Every wage withheld for months');
  });

  it('turns a string still in a field into a Y.Text when it is written, and leaves choices plain', () => {
    const doc = oldShapeDoc();
    const item = itemsOf(doc).get(1);
    writeField(item, 'owner', 'Ana and Ben');
    writeField(item, 'due', '2026-02-03');
    expect(item.get('owner')).toBeInstanceOf(Y.Text);
    expect(readItem(item)).toMatchObject({ owner: 'Ana and Ben', due: '2026-02-03' });
    expect(item.get('due')).toBe('2026-02-03');
  });

  it('edits a map actor’s name as text and its position as values', () => {
    const doc = oldShapeDoc();
    upgradeTextFields(doc);
    const name = actorsOf(doc).get('a')!.get('name');
    setActor(doc, 'a', { name: 'Police, anti-trafficking unit', x: 10 });
    expect(actorsOf(doc).get('a')!.get('name')).toBe(name); // the same Y.Text, edited
    expect(readMap(doc).actors[0]).toMatchObject({ name: 'Police, anti-trafficking unit', x: 10 });
  });

  it('lists only the objectives with an action written, old shape or new, in order', () => {
    const doc = oldShapeDoc();
    objectivesOf(doc).push([
      map({ id: 'o2', action: '   ' }),
      map({ id: 'o3', action: 'Open a hotline' }),
    ]);
    expect(writtenObjectives(doc).map((o) => o.id)).toEqual(['o1', 'o3']);
    upgradeTextFields(doc);
    expect(writtenObjectives(doc).map((o) => o.action)).toEqual([
      'Train 40 labour inspectors',
      'Open a hotline',
    ]);
  });
});
