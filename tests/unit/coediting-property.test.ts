import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as Y from 'yjs';
import { itemsOf, newItem, textOf, writeField } from '@plenary/shared/docs';

/**
 * Three replicas of one checklist type, delete and paste in the same two fields of one item,
 * dropping off the network and coming back at random. After everyone is back, every replica is
 * the same and holds every character typed and not deleted. Each typed character is unique (from
 * a private-use range), so "present" is exact.
 */

const FIELDS = ['text', 'notes'] as const;
type Field = (typeof FIELDS)[number];

type Op =
  | { kind: 'type'; replica: number; field: Field; at: number; length: number }
  | { kind: 'delete'; replica: number; field: Field; at: number; length: number }
  | { kind: 'offline'; replica: number }
  | { kind: 'online'; replica: number };

const replica = fc.integer({ min: 0, max: 2 });
const field = fc.constantFrom(...FIELDS);
const at = fc.nat({ max: 1000 });
const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('type' as const),
      replica,
      field,
      at,
      length: fc.integer({ min: 1, max: 2 }),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('type' as const),
      replica,
      field,
      at,
      length: fc.integer({ min: 3, max: 12 }),
    }),
  }, // a paste
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('delete' as const),
      replica,
      field,
      at,
      length: fc.integer({ min: 1, max: 4 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('offline' as const), replica }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('online' as const), replica }) },
);

/** How a page writes a field's whole new value after a keystroke. */
type Write = (item: Y.Map<unknown>, field: Field, value: string) => void;
const throughYText: Write = (item, f, value) => writeField(item, f, value);
const asMapString: Write = (item, f, value) => item.set(f, value);

function sync(a: Y.Doc, b: Y.Doc) {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

function run(ops: readonly Op[], write: Write) {
  const docs = [new Y.Doc(), new Y.Doc(), new Y.Doc()];
  itemsOf(docs[0]!).push([newItem({ id: 'i', text: '', notes: '' })]);
  for (const d of docs) sync(docs[0]!, d);
  const online = [true, true, true];
  const gossip = () => {
    for (let i = 0; i < 3; i++)
      for (let j = i + 1; j < 3; j++) if (online[i] && online[j]) sync(docs[i]!, docs[j]!);
  };
  let next = 0xe000;
  const typed = new Set<string>();
  const deleted = new Set<string>();
  for (const o of ops) {
    if (o.kind === 'offline' || o.kind === 'online') {
      online[o.replica] = o.kind === 'online';
    } else {
      const item = itemsOf(docs[o.replica]!).get(0);
      const before = textOf(item, o.field);
      const index = o.at % (before.length + 1);
      if (o.kind === 'type') {
        const chars = Array.from({ length: o.length }, () => String.fromCharCode(next++));
        chars.forEach((c) => typed.add(c));
        write(item, o.field, before.slice(0, index) + chars.join('') + before.slice(index));
      } else {
        const gone = before.slice(index, index + o.length);
        for (const c of gone) deleted.add(c);
        write(item, o.field, before.slice(0, index) + before.slice(index + o.length));
      }
    }
    gossip();
  }
  online.fill(true);
  gossip();
  gossip();
  const texts = docs.map((d) => FIELDS.map((f) => textOf(itemsOf(d).get(0), f)));
  const survivors = [...typed].filter((c) => !deleted.has(c)).sort();
  return { texts, survivors };
}

const property = (write: Write) =>
  fc.property(fc.array(op, { minLength: 1, maxLength: 60 }), (ops) => {
    const { texts, survivors } = run(ops, write);
    expect(texts[1]).toEqual(texts[0]);
    expect(texts[2]).toEqual(texts[0]);
    expect([...texts[0]!.join('')].sort()).toEqual(survivors);
  });

describe('three people typing in the same fields while their connections drop', () => {
  it('converge, and keep every character typed and not deleted', () => {
    fc.assert(property(throughYText), { numRuns: 300 });
  });

  it('would lose words with the whole string set as a map value, as the pages did before', () => {
    const result = fc.check(property(asMapString), { numRuns: 300 });
    expect(result.failed).toBe(true);
  });
});
