import type * as Y from 'yjs';

/** The one edit that turns `before` into `after`: what lies between their common ends. */
export function textChange(
  before: string,
  after: string,
): { index: number; remove: number; insert: string } {
  let start = 0;
  const shorter = Math.min(before.length, after.length);
  while (start < shorter && before[start] === after[start]) start++;
  let end = 0;
  while (end < shorter - start && before[before.length - 1 - end] === after[after.length - 1 - end])
    end++;
  return {
    index: start,
    remove: before.length - start - end,
    insert: after.slice(start, after.length - end),
  };
}

/**
 * Applies a field's new value to a shared text as the smallest edit, so that two people
 * typing in different places of the same field both keep their words.
 */
export function setText(text: Y.Text, value: string, origin?: unknown): void {
  const { index, remove, insert } = textChange(text.toString(), value);
  if (remove === 0 && insert === '') return;
  const apply = () => {
    if (remove > 0) text.delete(index, remove);
    if (insert) text.insert(index, insert);
  };
  if (text.doc) text.doc.transact(apply, origin);
  else apply();
}

/**
 * Where a caret at `index` goes when a remote edit (a Yjs delta) changes the text: text
 * inserted or deleted before it moves it; text at or after it does not.
 */
export function shiftIndex(
  index: number,
  delta: ReadonlyArray<{ insert?: unknown; retain?: number; delete?: number }>,
): number {
  let pos = 0;
  let moved = index;
  for (const op of delta) {
    if (pos >= moved) break;
    if (op.retain !== undefined) pos += op.retain;
    else if (op.insert !== undefined) {
      const length = typeof op.insert === 'string' ? op.insert.length : 1;
      moved += length;
      pos += length;
    } else if (op.delete !== undefined) {
      moved -= Math.min(op.delete, moved - pos);
    }
  }
  return moved;
}
