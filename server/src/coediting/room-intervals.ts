/** How often a co-editing room sends what it merges: saved reports, progress, presence. */

/** A document's "saved" report goes out at most this often. */
export const SAVED_BROADCAST_MS = 500;
/**
 * How often, at most, a document's progress is recomputed for the console (leading edge at once,
 * then merged). Recomputing on every edit (for a map: reading it and analysing its gaps) with 50
 * editors a document took most of the event loop (bench/, co-editing 4 groups x 50).
 */
export const PROGRESS_INTERVAL_MS = 300;
/**
 * Presence changes of a document are merged and sent at most this often (leading edge at once).
 * Sent one by one, each arrival went to every peer on its own: when 1,000 people came back after
 * a restart, 25 per document, that was the largest share of the server's socket writes
 * (bench/, scenario 3). A cursor or "editing" marker 100 ms late is not noticed.
 */
const AWARENESS_INTERVAL_MS = 100;

/**
 * The merging interval for a document with this many peers: 100 ms up to 10, then 10 ms per
 * peer, so a document sends at most about 100 presence messages a second however crowded
 * (each change goes to every peer). A caret 250 ms late in a document 25 people share is not
 * noticed.
 */
export const presenceInterval = (peers: number): number =>
  Math.max(AWARENESS_INTERVAL_MS, peers * 10);

/**
 * The merging interval when no one's presence changed what it shows: someone arrived or left,
 * or a client renewed its unchanged state (y-protocols does every 15 s, and drops a state not
 * renewed within 30 s). At most about 25 messages a second per document: in a reconnect storm
 * every return is an arrival, and at presenceInterval they were still the largest share of the
 * server's socket writes (bench/, scenario 3). Someone shown in the document a second late is
 * not noticed either; a change of what someone edits brings the merged message forward.
 */
export const arrivalInterval = (peers: number): number => Math.max(1000, peers * 40);
