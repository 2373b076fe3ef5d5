export interface DocLimits {
  /** Largest document, in encoded bytes. An update that would pass it is refused. */
  maxDocBytes: number;
  /** Largest single WebSocket message. */
  maxMessageBytes: number;
  /** How long a document with no connection stays loaded. */
  idleUnloadMs: number;
  /** Compact the log after this many appended updates. */
  compactEvery: number;
}

export const DEFAULT_DOC_LIMITS: DocLimits = {
  maxDocBytes: 5 * 1024 * 1024,
  maxMessageBytes: 2 * 1024 * 1024,
  idleUnloadMs: 30_000,
  compactEvery: 500,
};
