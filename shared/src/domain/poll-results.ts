import type { CommandInput } from '../schemas.js';
import { fail, ok, type Result } from './result.js';
import type { Poll, ResultsShown } from './poll-types.js';
import type { Workshop } from './types.js';

/** Where a poll's results go: the projector and the phones are separate choices. */

export const RESULTS_HIDDEN: ResultsShown = { screen: false, phones: false };

/** Where a poll's results are shown; a poll stored with one `revealed` flag shows them on both. */
export function resultsShown(poll: Pick<Poll, 'shown' | 'revealed'>): ResultsShown {
  if (poll.shown) return poll.shown;
  return poll.revealed ? { screen: true, phones: true } : RESULTS_HIDDEN;
}

/** Shows or hides a poll's results on the projector, on phones, or (no place given) on both. */
export function revealPoll(w: Workshop, input: CommandInput<'poll.reveal'>): Result<Workshop> {
  const poll = w.polls.find((p) => p.id === input.pollId);
  if (!poll) return fail('not_found', 'That poll no longer exists', 'pollId');
  if (input.revealed && poll.state === 'draft')
    return fail('conflict', 'Open the poll before showing its results');
  const before = resultsShown(poll);
  const shown: ResultsShown = {
    screen: input.on === 'phones' ? before.screen : input.revealed,
    phones: input.on === 'screen' ? before.phones : input.revealed,
  };
  // The old flag goes: `shown` says it all from now on.
  const next: Poll = { ...poll, shown };
  delete next.revealed;
  return ok({ ...w, polls: w.polls.map((p) => (p === poll ? next : p)) });
}

/**
 * What the projector gets of a poll: its tally when the results are shown there, otherwise only
 * how many have answered; nothing of a draft.
 */
export function screenGets(poll: Poll): 'tally' | 'count' | 'nothing' {
  if (poll.state === 'draft') return 'nothing';
  return resultsShown(poll).screen ? 'tally' : 'count';
}

/**
 * Whether a participant's phone gets a poll's tally: once its owner has answered, or when the
 * facilitator shows the results on phones; never a draft's. Results shown on phones carry
 * which quiz answers are right; the ones an answer earns do not (the poll may still be open).
 */
export function phoneGets(poll: Poll, participantId: string): 'tally' | 'own' | 'nothing' {
  if (poll.state === 'draft') return 'nothing';
  if (resultsShown(poll).phones) return 'tally';
  return hasAnswered(poll, participantId) ? 'own' : 'nothing';
}

/** Whether a participant has answered (named or anonymous, `voters` holds who voted). */
export function hasAnswered(poll: Poll, participantId: string): boolean {
  let lo = 0;
  let hi = poll.voters.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (poll.voters[mid]! < participantId) lo = mid + 1;
    else hi = mid;
  }
  return poll.voters[lo] === participantId;
}

/** Participants who answered in `after` but had not in `before` (a vote, usually one). */
export function newVoters(before: Poll | undefined, after: Poll): string[] {
  if (before?.voters === after.voters) return [];
  const old = new Set(before?.voters ?? []);
  return after.voters.filter((id) => !old.has(id));
}
