/**
 * The server's clock seen from a browser. A reading of the server's clock (`serverTime`) made
 * somewhere between a request leaving the browser (`sentAt`, browser clock) and its answer arriving
 * (`receivedAt`) bounds the offset (server minus browser) to
 * [serverTime - receivedAt, serverTime - sentAt]. The upper bound is taken: the browser then
 * believes the server a little later than it is, so a countdown may end up to one round trip early
 * but never shows more time than is left (a 60-minute timer that just started never reads 60:01).
 * The sample with the shortest round trip is the tightest.
 */
export interface ClockSample {
  /** serverNow - browserNow, as the upper bound of this sample. */
  offsetMs: number;
  roundTripMs: number;
}

export function clockSample(sentAt: number, serverTime: number, receivedAt: number): ClockSample {
  return { offsetMs: serverTime - sentAt, roundTripMs: Math.max(0, receivedAt - sentAt) };
}

/** The better of two samples: the shorter round trip. */
export function tighter(a: ClockSample | null, b: ClockSample): ClockSample {
  return a && a.roundTripMs <= b.roundTripMs ? a : b;
}

/**
 * What a countdown shows: never more than it showed a moment ago for the same running timer (a
 * better clock sample must not make it jump back up). `previous` is what was shown for the same
 * timer state, or null for a new one (started, paused, given more time).
 */
export function shownRemainingMs(remainingMs: number, previous: number | null): number {
  return Math.max(0, previous === null ? remainingMs : Math.min(remainingMs, previous));
}
