/**
 * Differences between two JSON values, for the store's journal (see lowdb.ts).
 *
 * The domain never mutates: a command returns a new workshop that shares every unchanged part
 * with the one before. So the walk compares by identity and only descends into what was
 * replaced: a vote in a poll of 1,000 ballots visits the workshop's keys, the poll, and the
 * ballot map's keys, and yields one `set` for the ballot and one `splice` for the sorted voter
 * list. Generic JSON diff libraries (fast-json-patch, microdiff) compare every value deeply and
 * diff arrays index by index, so an insertion in a sorted list of 1,000 became 1,000 replacements.
 */

export type Path = ReadonlyArray<string | number>;

export type Op =
  /** Set the value at `p` (creating the key). */
  | { p: Path; v: unknown }
  /** Delete the key at `p`. */
  | { p: Path }
  /** At array index `p[last]`, remove `d` elements and insert `a`. */
  | { p: Path; d: number; a: unknown[] };

type Obj = Record<string, unknown>;

const isObject = (x: unknown): x is Obj => typeof x === 'object' && x !== null && !Array.isArray(x);

/** The operations that turn `a` into `b` (JSON values; `undefined` members count as absent). */
export function diffJson(a: unknown, b: unknown): Op[] {
  const ops: Op[] = [];
  diffInto(a, b, [], ops);
  return ops;
}

function diffInto(a: unknown, b: unknown, path: Path, ops: Op[]): void {
  if (a === b) return;
  if (isObject(a) && isObject(b)) return diffObjects(a, b, path, ops);
  if (Array.isArray(a) && Array.isArray(b)) return diffArrays(a, b, path, ops);
  ops.push({ p: path, v: b });
}

/**
 * A ballot map of 1,000 keys is walked once per vote: unchanged keys cost one lookup and no
 * allocation (copying the path for every key made this walk a tenth of a vote burst's profile).
 */
function diffObjects(a: Obj, b: Obj, path: Path, ops: Op[]): void {
  const keysA = Object.keys(a);
  /** Keys of `a` that `b` has too: when all of them, nothing was deleted. */
  let kept = 0;
  for (const key of Object.keys(b)) {
    const after = b[key];
    if (after === undefined) continue;
    const own = Object.hasOwn(a, key);
    const before = own ? a[key] : undefined;
    if (own) kept++;
    if (before === after) continue;
    if (before === undefined) ops.push({ p: [...path, key], v: after });
    else diffInto(before, after, [...path, key], ops);
  }
  if (kept === keysA.length) return;
  for (const key of keysA) {
    if (a[key] !== undefined && (!Object.hasOwn(b, key) || b[key] === undefined))
      ops.push({ p: [...path, key] });
  }
}

/**
 * The common start and end are skipped (by identity); a middle of the same length on both sides
 * is diffed element by element (an edited poll among polls), any other middle is one splice (an
 * insertion in a sorted list, an appended entry, a removal).
 */
function diffArrays(a: readonly unknown[], b: readonly unknown[], path: Path, ops: Op[]): void {
  let start = 0;
  const shorter = Math.min(a.length, b.length);
  while (start < shorter && a[start] === b[start]) start++;
  let endA = a.length;
  let endB = b.length;
  while (endA > start && endB > start && a[endA - 1] === b[endB - 1]) {
    endA--;
    endB--;
  }
  if (endA - start === endB - start) {
    for (let i = start; i < endA; i++) diffInto(a[i], b[i], [...path, i], ops);
    return;
  }
  ops.push({ p: [...path, start], d: endA - start, a: b.slice(start, endB) });
}

/** Applies `ops` to `target` in place (a freshly parsed value, never a shared one). */
export function applyOps(target: unknown, ops: readonly Op[]): void {
  for (const op of ops) applyAt(walk(target, parentPath(op)), op);
}

/**
 * The value `ops` make of `target`, which stays as it was: only the objects and arrays on the
 * operations' paths are copied (once each), the rest is shared, as the domain shares it.
 */
export function applyOpsCopying<T>(target: T, ops: readonly Op[]): T {
  if (ops.length === 0) return target;
  const fresh = new Set<unknown>();
  const copy = (node: unknown): Obj => {
    if (typeof node !== 'object' || node === null)
      throw new Error(`A journal operation points into a value that is not an object or array`);
    if (fresh.has(node)) return node as Obj;
    const copied = (Array.isArray(node) ? node.slice() : { ...node }) as Obj;
    fresh.add(copied);
    return copied;
  };
  const root = copy(target);
  for (const op of ops) {
    let node = root;
    for (const key of parentPath(op)) {
      if (!Object.hasOwn(node, key))
        throw new Error(`A journal operation points at a missing value (${op.p.join('/')})`);
      const child = copy(node[key]);
      setOwn(node, key, child);
      node = child;
    }
    applyAt(node, op);
  }
  return root as T;
}

function parentPath(op: Op): Path {
  if (op.p.length === 0) throw new Error('A journal operation has an empty path');
  return op.p.slice(0, -1);
}

function applyAt(parent: Obj, op: Op): void {
  const last = op.p[op.p.length - 1]!;
  if ('d' in op) {
    if (!Array.isArray(parent) || typeof last !== 'number' || last > parent.length)
      throw new Error('A journal splice does not point into an array');
    parent.splice(last, op.d, ...op.a);
  } else if ('v' in op) {
    if (Array.isArray(parent)) {
      if (typeof last !== 'number' || last > parent.length)
        throw new Error('A journal operation sets a position past the end of an array');
    }
    setOwn(parent, last, op.v);
  } else {
    if (Array.isArray(parent)) throw new Error('A journal operation deletes a key of an array');
    delete parent[last];
  }
}

/** defineProperty: a key named "__proto__" stays an own key, as JSON.parse makes it. */
function setOwn(node: Obj, key: string | number, value: unknown): void {
  if (Array.isArray(node)) node[key as number] = value;
  else
    Object.defineProperty(node, key, {
      value,
      writable: true,
      enumerable: true,
      configurable: true,
    });
}

function walk(target: unknown, path: Path): Obj {
  let node = target;
  for (const key of path) {
    if (typeof node !== 'object' || node === null || !Object.hasOwn(node, key))
      throw new Error(`A journal operation points at a missing value (${path.join('/')})`);
    node = (node as Obj)[key];
  }
  if (typeof node !== 'object' || node === null)
    throw new Error(`A journal operation points into a value that is not an object or array`);
  return node as Obj;
}
