import * as Y from 'yjs';
import { seedChecklist, itemsOf } from '@plenary/shared/docs';
import { Awareness } from 'y-protocols/awareness';
let n = 0;
const src = new Y.Doc();
seedChecklist(src, 'identification-adult', () => `i${++n}`);
for (let k = 0; k < 120; k++) {
  const items = itemsOf(src);
  const item = items.get(k % items.length);
  src.transact(() => {
    if (k % 3 === 0) {
      item.set('checked', k % 2 === 0);
      item.set('checkedBy', 'Editor 1');
    } else if (k % 3 === 1) item.set('notes', 'victim referral shelter interpreter ' + k);
    else item.set('owner', 'Editor ' + (k % 5));
  });
}
const update = Y.encodeStateAsUpdate(src);
const gc = globalThis.gc!;
gc();
const h0 = process.memoryUsage().heapUsed;
const keep: unknown[] = [];
for (let i = 0; i < 200; i++) {
  const d = new Y.Doc();
  Y.applyUpdate(d, update);
  keep.push(d);
}
gc();
const h1 = process.memoryUsage().heapUsed;
for (let i = 0; i < 200; i++) {
  const a = new Awareness(keep[i] as Y.Doc);
  a.setLocalState(null);
  keep.push(a);
}
gc();
const h2 = process.memoryUsage().heapUsed;
console.log(
  'encoded',
  update.length,
  'Y.Doc heap',
  ((h1 - h0) / 200).toFixed(0),
  'ratio',
  ((h1 - h0) / 200 / update.length).toFixed(1),
  'awareness',
  ((h2 - h1) / 200).toFixed(0),
);
