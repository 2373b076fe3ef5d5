import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { flattenJoinedText } from '../../server/src/coediting/trim-values.js';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const SENTENCE =
  'Ana saw the contract; the recruiter kept her passport “for the visa”, she said. 🙂 ';

/** Types `text` into `notes` one keystroke (one character, an emoji whole) a transaction. */
function type(notes: Y.Text, text: string) {
  for (const ch of text) notes.insert(notes.length, ch);
}

/** The updates of a text typed one keystroke at a time, as the app sends them. */
function typed(text: string): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  type(doc.getText('notes'), text);
  return updates;
}

/** The server's copy: a document that flattens joined runs, fed the updates one by one. */
function serverCopy(updates: Uint8Array[]): Y.Doc {
  const doc = new Y.Doc({ gc: true });
  doc.on('afterTransactionCleanup', flattenJoinedText);
  for (const u of updates) Y.applyUpdate(doc, u);
  return doc;
}

/** Heap a document takes, on average over `n` made by `make`. */
function heapOf(n: number, make: () => Y.Doc): number {
  const kept: Y.Doc[] = [];
  gc();
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < n; i++) kept.push(make());
  gc();
  gc();
  const per = (process.memoryUsage().heapUsed - before) / n;
  expect(kept).toHaveLength(n);
  return per;
}

describe('text typed one keystroke at a time, on the server', () => {
  it('reads exactly as typed, characters outside the basic plane and lone surrogates included', () => {
    const text = SENTENCE.repeat(4);
    expect(serverCopy(typed(text)).getText('notes').toString()).toBe(text);
    // Typed on the server's own copy (an upgrade writes there): a lone surrogate stays one.
    const doc = new Y.Doc();
    doc.on('afterTransactionCleanup', flattenJoinedText);
    const notes = doc.getText('notes');
    const odd = `${SENTENCE}\uD83D${SENTENCE}`;
    type(notes, odd);
    expect(notes.toString()).toBe(odd);
  });

  it('keeps about the heap of the same text loaded whole, not a node a keystroke', () => {
    const text = SENTENCE.repeat(12);
    const updates = typed(text);
    const whole = Y.encodeStateAsUpdate(serverCopy(updates));
    const loaded = heapOf(100, () => {
      const doc = new Y.Doc({ gc: true });
      Y.applyUpdate(doc, whole);
      return doc;
    });
    const keystrokes = heapOf(100, () => serverCopy(updates));
    // As ropes, about 30 bytes a keystroke (30 KB here); flat, a few bytes of each document's
    // other small objects.
    expect(keystrokes - loaded).toBeLessThan(text.length * 8);
  }, 60_000);
});
