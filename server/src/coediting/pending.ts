import * as Y from 'yjs';

/**
 * Yjs keeps the part of an update that depends on changes it has not seen yet ("pending") and
 * integrates it once they arrive. A tab that heard another tab first can send such an update
 * honestly, but so can anyone on purpose, and a document state carrying a pending part never
 * loads whole: a backup of it would not restore. So pending parts are held in memory only, never
 * stored, never sent to other clients and never exported.
 */
export function hasPending(doc: Y.Doc): boolean {
  return doc.store.pendingStructs !== null || doc.store.pendingDs !== null;
}

/** The size of what waits, in encoded bytes. */
export function pendingBytes(doc: Y.Doc): number {
  return (doc.store.pendingStructs?.update.length ?? 0) + (doc.store.pendingDs?.length ?? 0);
}

/** Forgets what waits (it was never stored, nor reported saved to anyone). */
export function dropPending(doc: Y.Doc): void {
  doc.store.pendingStructs = null;
  doc.store.pendingDs = null;
}

/**
 * The document's state as one update (or the part a state vector lacks), without its pending
 * part: `Y.encodeStateAsUpdate` appends that part, which no document could then integrate.
 */
export function encodeIntegrated(doc: Y.Doc, stateVector?: Uint8Array): Uint8Array {
  const { pendingStructs, pendingDs } = doc.store;
  dropPending(doc);
  try {
    return Y.encodeStateAsUpdate(doc, stateVector);
  } finally {
    doc.store.pendingStructs = pendingStructs;
    doc.store.pendingDs = pendingDs;
  }
}
