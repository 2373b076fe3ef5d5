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

/** WebSocket close codes (4000-4999 are the application's; y-websocket clients stop
 *  reconnecting after 4400-4499 and retry after any other). */
export const CLOSE = {
  unauthorized: 4401,
  forbidden: 4403,
  tooLarge: 4413,
  badMessage: 4400,
  gone: 4404,
  /** No access at connection, yet: a reveal or a move to the group may give it, so retry. */
  notYet: 4503,
} as const;
