import type * as Y from 'yjs';
import { writeField } from '@plenary/shared/docs';

/**
 * A read-only snapshot of a Y.Array of Y.Maps, re-read on every change. Writes go straight to
 * the Y.Maps; the snapshot follows. Create it while a component initialises (it owns an effect).
 */
export class LiveList<T extends { id: string }> {
  items = $state.raw<T[]>([]);
  /** Each item's Y.Map by its id, for the fields bound to its shared texts. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity -- replaced whole, never mutated
  maps = $state.raw<ReadonlyMap<string, Y.Map<unknown>>>(new Map());

  constructor(array: () => Y.Array<Y.Map<unknown>>, read: (m: Y.Map<unknown>) => T) {
    $effect(() => {
      const a = array();
      const update = () => {
        const all = a.toArray();
        const items = all.map(read);
        this.items = items;
        // eslint-disable-next-line svelte/prefer-svelte-reactivity -- replaced whole, never mutated
        this.maps = new Map(all.map((m, i) => [items[i]!.id, m]));
      };
      update();
      a.observeDeep(update);
      return () => a.unobserveDeep(update);
    });
  }
}

/** The Y.Map whose `id` field is `id`, and its index, or null. */
export function findById(
  array: Y.Array<Y.Map<unknown>>,
  id: string,
): { map: Y.Map<unknown>; index: number } | null {
  const all = array.toArray();
  const index = all.findIndex((m) => m.get('id') === id);
  return index === -1 ? null : { map: all[index]!, index };
}

/**
 * Sets fields of the item with this id, in one small transaction: a text field as the smallest
 * edit of its Y.Text, a choice as a plain value.
 */
export function setField(
  array: Y.Array<Y.Map<unknown>>,
  id: string,
  fields: Record<string, unknown>,
): void {
  const found = findById(array, id);
  if (!found || !array.doc) return;
  array.doc.transact(() => {
    for (const [k, v] of Object.entries(fields)) writeField(found.map, k, v);
  });
}

/** Moves an item by re-creating it at its new place (Y.Array has no move). */
export function moveTo(
  array: Y.Array<Y.Map<unknown>>,
  from: number,
  to: number,
  copy: (m: Y.Map<unknown>) => Y.Map<unknown>,
): void {
  if (from === to || to < 0 || to >= array.length || !array.doc) return;
  array.doc.transact(() => {
    const clone = copy(array.get(from));
    array.delete(from, 1);
    array.insert(to, [clone]);
  });
}

export { newDocId } from '../ids.js';
