import {
  tallyPoll,
  type CommandName,
  type Poll,
  type PollCount,
  type PollResults,
} from '@plenary/shared';

/**
 * What goes to whom and how often: the socket.io rooms of a workshop, the intervals changes are
 * merged over, the tallies every screen shares, and what is broadcast before the disk. The
 * Broadcaster (broadcast.ts) applies these.
 */

export const rooms = {
  /** Everyone in a workshop. */
  all: (w: string) => `w:${w}`,
  facilitators: (w: string) => `w:${w}:f`,
  /** Participants and projector screens: they see drafts never, results only when shown. */
  audience: (w: string) => `w:${w}:a`,
  /** Projector screens: a poll's tally when shown there, otherwise how many have answered. */
  screens: (w: string) => `w:${w}:s`,
  /** Every participant's connections: a poll's tally when it is shown on phones. */
  participants: (w: string) => `w:${w}:p`,
  participant: (w: string, p: string) => `p:${w}:${p}`,
  /** The connections of those who answered a poll: its tally, even while not shown on phones. */
  answered: (w: string, pollId: string) => `a:${w}:${pollId}`,
};

/**
 * How often, at most, one poll's tally is broadcast (25 times a second). Votes in between are
 * merged. At 200 ms a vote waited 100 ms for its tally on average and up to 200 ms, which missed
 * the goals of issue #8 (p99 <= 25 ms at 20 votes/s, p50 <= 30 ms in a burst); 40 ms keeps a
 * burst of 1,000 voters to 25 broadcasts a second instead of one per vote (bench/, scenario 1).
 */
export const RESULTS_INTERVAL_MS = 40;

/**
 * How often, at most, a workshop's roster changes are sent (leading edge at once, then merged).
 * One event per join, arrival or departure sent to every screen cost a million messages when
 * 1,000 people joined within 5 s, and each screen re-rendered a thousand times (bench/,
 * scenario 3); merged, each screen gets about one patch per interval.
 */
export const ROSTER_INTERVAL_MS = 250;

/**
 * Beyond this many participants a phone shows counts by country and names only on request (the
 * web's WhoIsHere, LIST_UP_TO), so the audience's patches are merged over a longer interval:
 * every returning phone's "online" otherwise went to every other phone four times a second, most
 * of a reconnect storm's socket writes (bench/, scenario 3). The facilitator, and each
 * participant about themself, still get every change within ROSTER_INTERVAL_MS.
 */
export const LARGE_ROOM = 60;
export const LARGE_ROOM_ROSTER_INTERVAL_MS = 2000;

/** How long the audience's roster changes are merged, for a workshop of this many. */
export const audienceRosterInterval = (participants: number): number =>
  participants > LARGE_ROOM ? LARGE_ROOM_ROSTER_INTERVAL_MS : ROSTER_INTERVAL_MS;

const tallies = new WeakMap<Poll, PollResults>();
const plainTallies = new WeakMap<Poll, PollResults>();

/**
 * A poll's tally, computed once per state of the poll (polls are immutable values): every
 * welcome carries the tallies, and in a reconnect storm 1,000 welcomes recounted 1,000 ballots
 * each (bench/, scenario 3).
 */
export function tallyOf(poll: Poll): PollResults {
  let r = tallies.get(poll);
  if (!r) tallies.set(poll, (r = tallyPoll(poll, true)));
  return r;
}

/** The tally a participant's answer earns: without which quiz answers are right. */
export function plainTallyOf(poll: Poll): PollResults {
  let r = plainTallies.get(poll);
  if (!r) plainTallies.set(poll, (r = tallyPoll(poll, false)));
  return r;
}

/**
 * A vote changes only its poll's tally, which is merged over 40 ms anyway: it goes to the
 * screens as soon as it applies, not after the disk (the voter's acknowledgement still waits for
 * it). In a burst of 1,000 votes a tally waited for a whole-file write and its fsync first
 * (bench/, scenario 1). A vote lost in a crash before its write was never acknowledged, so its
 * client sends it again, and every screen is welcomed afresh. Every other command's change is
 * broadcast once it is on disk (CommandHandler).
 */
export const broadcastsWhenApplied = (name: CommandName): boolean => name === 'vote.cast';

/** How many have answered a poll, for the projector while its results are not shown there. */
export const countOf = (poll: Poll): PollCount => ({ pollId: poll.id, voters: poll.voters.length });
