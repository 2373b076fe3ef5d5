import * as Y from 'yjs';
import { setText } from './text-edit.js';

/**
 * Free text in a group document is a Y.Text, so that two people typing in one field both keep
 * their words (a plain string in a Y.Map is last-writer-wins). Choice fields (status, sector,
 * pillar, dates, amounts, ticks) stay plain values. Documents made before hold strings: readers
 * accept both, and the server upgrades a document once when it loads it.
 */
export const TEXT_FIELDS = {
  items: ['text', 'notes', 'owner'],
  objectives: [
    'action',
    'why',
    'indicator',
    'target',
    'responsible',
    'resources',
    'partners',
    'progress',
  ],
  lines: ['description', 'justification', 'notes'],
  actors: ['name', 'contact'],
  links: ['label', 'data'],
} as const;

const TEXT_KEYS: ReadonlySet<string> = new Set(Object.values(TEXT_FIELDS).flat());

/** Whether a field of a group document's item is free text (a Y.Text once upgraded). */
export const isTextField = (key: string): boolean => TEXT_KEYS.has(key);

/** A text field's content, whichever shape it is stored in. */
export function textOf(m: Y.Map<unknown>, key: string): string {
  const v = m.get(key);
  return typeof v === 'string' ? v : v instanceof Y.Text ? v.toString() : '';
}

/** The shared text of a field, or undefined while it is absent or still a plain string. */
export function sharedText(m: Y.Map<unknown>, key: string): Y.Text | undefined {
  const v = m.get(key);
  return v instanceof Y.Text ? v : undefined;
}

/**
 * Writes a whole new value into a field: into its Y.Text as the smallest edit, or, for a choice
 * field, as a plain value (only when it differs). A text field still holding a string (a
 * document not upgraded yet) becomes a Y.Text.
 */
export function writeField(m: Y.Map<unknown>, key: string, value: unknown): void {
  const current = m.get(key);
  if (current instanceof Y.Text && typeof value === 'string') return setText(current, value);
  if (isTextField(key) && typeof value === 'string') {
    if (current !== value || current === undefined) m.set(key, new Y.Text(value));
    return;
  }
  if (current !== value) m.set(key, value);
}

/** A new item's Y.Map, its text fields as Y.Text. */
export function toYMap(fields: Record<string, unknown>): Y.Map<unknown> {
  const m = new Y.Map<unknown>();
  for (const [k, v] of Object.entries(fields))
    m.set(k, isTextField(k) && typeof v === 'string' ? new Y.Text(v) : v);
  return m;
}

type Containers = keyof typeof TEXT_FIELDS;

function stringFields(doc: Y.Doc): Array<[Y.Map<unknown>, string, string]> {
  const found: Array<[Y.Map<unknown>, string, string]> = [];
  const visit = (m: unknown, keys: readonly string[]) => {
    if (!(m instanceof Y.Map)) return;
    for (const k of keys) {
      const v: unknown = m.get(k);
      if (typeof v === 'string') found.push([m as Y.Map<unknown>, k, v]);
    }
  };
  // Only containers that exist: getArray/getMap would add an empty one to the document.
  for (const name of Object.keys(TEXT_FIELDS) as Containers[]) {
    const keys = TEXT_FIELDS[name];
    if (!doc.share.has(name)) continue;
    if (name === 'actors' || name === 'links') {
      const container = doc.getMap<unknown>(name);
      // Sorted: the order of a Y.Map's keys is not the same on every replica.
      for (const id of [...container.keys()].sort()) visit(container.get(id), keys);
    } else {
      for (const m of doc.getArray<unknown>(name).toArray()) visit(m, keys);
    }
  }
  return found;
}

/** FNV-1a, 32 bits: a client id derived from the document's whole state. */
function hash(bytes: Uint8Array): number {
  let h = 0x811c9dc5;
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0;
  return h;
}

/**
 * Turns every text field still stored as a string into a Y.Text with the same content; returns
 * the Yjs update it made, or null when there was nothing to upgrade (so it is idempotent).
 *
 * Deterministic: the edit is made under a client id derived from the document's whole state, so
 * two processes loading the same stored document make the very same edit, and their updates merge
 * into one. Processes holding different states get different ids: their edits are then concurrent
 * sets of the same content, one of which wins.
 */
export function upgradeTextFields(doc: Y.Doc, origin: unknown = 'upgrade'): Uint8Array | null {
  const todo = stringFields(doc);
  if (todo.length === 0) return null;
  const own = doc.clientID;
  let id = hash(Y.encodeStateAsUpdate(doc)) || 1;
  while (doc.store.clients.has(id) || id === own) id = (id + 1) >>> 0 || 1;
  let update: Uint8Array | null = null;
  const capture = (u: Uint8Array) => (update = u);
  doc.on('update', capture);
  doc.clientID = id;
  try {
    doc.transact(() => {
      for (const [m, k, v] of todo) m.set(k, new Y.Text(v));
    }, origin);
  } finally {
    doc.clientID = own;
    doc.off('update', capture);
  }
  return update;
}
