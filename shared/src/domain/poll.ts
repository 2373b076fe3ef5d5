import type { CommandInput } from '../schemas.js';
import { LIMITS } from '../limits.js';
import { fail, ok, type Failure, type Result } from './result.js';
import type { Answer, Poll, PollOption } from './poll-types.js';
import type { DomainContext, Workshop } from './types.js';
import { roundOfExercise } from './review.js';
import { RESULTS_HIDDEN } from './poll-results.js';

export * from './poll-results.js';

/** Pure poll lifecycle and voting. Tallies live in tally.ts. */

const pollNotFound = (): Failure => fail('not_found', 'That poll no longer exists', 'pollId');

export const findPoll = (w: Workshop, pollId: string) => w.polls.find((p) => p.id === pollId);

const mapPoll = (w: Workshop, pollId: string, f: (p: Poll) => Poll): Workshop => ({
  ...w,
  polls: w.polls.map((p) => (p.id === pollId ? f(p) : p)),
});

const hasVotes = (p: Poll) => p.voters.length > 0;

type PollFields = CommandInput<'poll.create'>;

function checkDefinition(
  d: Pick<PollFields, 'kind' | 'options' | 'maxChoices' | 'scale'>,
): Failure | undefined {
  const needsOptions = d.kind !== 'scale' && d.kind !== 'open';
  if (needsOptions && d.options.length < 2)
    return fail('bad_request', 'Give at least two options', 'options');
  if (d.kind === 'quiz' && !d.options.some((o) => o.correct))
    return fail('bad_request', 'Mark at least one option as correct', 'options');
  if (d.kind === 'multiple' && d.maxChoices > d.options.length)
    return fail('bad_request', 'Allow at most as many choices as there are options', 'maxChoices');
  if (d.kind === 'scale' && d.scale.max <= d.scale.min)
    return fail('bad_request', 'The top of the scale must be above the bottom', 'scale');
  return undefined;
}

function buildOptions(
  input: PollFields['options'],
  ctx: DomainContext,
  kind: Poll['kind'],
): PollOption[] {
  if (kind === 'scale' || kind === 'open') return [];
  return input.map((o) => ({
    id: ctx.newId(),
    label: o.label,
    correct: kind === 'quiz' && o.correct,
  }));
}

export function createPoll(
  w: Workshop,
  input: PollFields,
  ctx: DomainContext,
): Result<{ workshop: Workshop; pollId: string }> {
  if (w.polls.length >= LIMITS.polls)
    return fail('conflict', `A workshop holds at most ${LIMITS.polls} polls`);
  const problem = checkDefinition(input);
  if (problem) return problem;
  if (
    input.activityId &&
    !w.modules.some((m) => m.activities.some((a) => a.id === input.activityId))
  )
    return fail('not_found', 'That activity no longer exists', 'activityId');
  const poll: Poll = {
    id: ctx.newId(),
    kind: input.kind,
    question: input.question,
    options: buildOptions(input.options, ctx, input.kind),
    maxChoices: input.kind === 'multiple' ? input.maxChoices : 1,
    scale: input.scale,
    pointsTotal: input.pointsTotal,
    anonymous: input.anonymous,
    state: 'draft',
    shown: RESULTS_HIDDEN,
    activityId: input.activityId ?? null,
    check:
      input.kind === 'quiz' && input.checkPhase ? { phase: input.checkPhase, twinId: null } : null,
    createdAt: ctx.now,
    ballots: {},
    voters: [],
  };
  return ok({ workshop: { ...w, polls: [...w.polls, poll] }, pollId: poll.id });
}

/** Edits a poll. Once anyone has voted, only the wording may change (votes must keep meaning). */
export function updatePoll(
  w: Workshop,
  input: CommandInput<'poll.update'>,
  ctx: DomainContext,
): Result<Workshop> {
  const poll = findPoll(w, input.pollId);
  if (!poll) return pollNotFound();
  const structural =
    input.kind !== undefined ||
    input.options !== undefined ||
    input.maxChoices !== undefined ||
    input.scale !== undefined ||
    input.pointsTotal !== undefined ||
    input.anonymous !== undefined;
  if (structural && hasVotes(poll))
    return fail(
      'conflict',
      'People have voted: only the wording can change now. Duplicate the poll to change more.',
    );
  if (
    input.activityId &&
    !w.modules.some((m) => m.activities.some((a) => a.id === input.activityId))
  )
    return fail('not_found', 'That activity no longer exists', 'activityId');
  const kind = input.kind ?? poll.kind;
  const options = input.options
    ? buildOptions(input.options, ctx, kind)
    : kind === poll.kind
      ? poll.options
      : buildOptions(poll.options, ctx, kind);
  const next: Poll = {
    ...poll,
    kind,
    question: input.question ?? poll.question,
    options,
    maxChoices: kind === 'multiple' ? (input.maxChoices ?? poll.maxChoices) : 1,
    scale: input.scale ?? poll.scale,
    pointsTotal: input.pointsTotal ?? poll.pointsTotal,
    anonymous: input.anonymous ?? poll.anonymous,
    activityId: input.activityId === undefined ? poll.activityId : input.activityId,
    check:
      kind !== 'quiz'
        ? null
        : input.checkPhase === undefined
          ? poll.check
          : input.checkPhase === null
            ? null
            : { phase: input.checkPhase, twinId: poll.check?.twinId ?? null },
  };
  const problem = checkDefinition({ ...next, options: next.options });
  if (problem) return problem;
  return ok(mapPoll(w, poll.id, () => next));
}

export function setPollState(w: Workshop, input: CommandInput<'poll.setState'>): Result<Workshop> {
  const poll = findPoll(w, input.pollId);
  if (!poll) return pollNotFound();
  if (input.state === 'draft' && hasVotes(poll))
    return fail('conflict', 'People have voted: close the poll instead of returning it to draft');
  return ok(mapPoll(w, poll.id, (p) => ({ ...p, state: input.state })));
}

/** A copy in draft, without votes. As a twin, a "pre" quiz question becomes its "post" twin. */
export function duplicatePoll(
  w: Workshop,
  input: CommandInput<'poll.duplicate'>,
  ctx: DomainContext,
): Result<{ workshop: Workshop; pollId: string }> {
  const poll = findPoll(w, input.pollId);
  if (!poll) return pollNotFound();
  if (w.polls.length >= LIMITS.polls)
    return fail('conflict', `A workshop holds at most ${LIMITS.polls} polls`);
  if (input.asTwin && poll.check?.phase !== 'pre')
    return fail('conflict', 'Only a "before" knowledge-check question can get an "after" twin');
  if (input.asTwin && poll.check?.twinId)
    return fail('conflict', 'This question already has its "after" twin');
  const copy: Poll = {
    ...poll,
    id: ctx.newId(),
    question: poll.question,
    options: poll.options.map((o) => ({ ...o, id: ctx.newId() })),
    state: 'draft',
    shown: RESULTS_HIDDEN,
    createdAt: ctx.now,
    ballots: {},
    voters: [],
    check: input.asTwin
      ? { phase: 'post', twinId: poll.id }
      : poll.check
        ? { ...poll.check, twinId: null }
        : null,
  };
  let polls = [...w.polls, copy];
  if (input.asTwin)
    polls = polls.map((p) =>
      p.id === poll.id ? { ...p, check: { phase: 'pre' as const, twinId: copy.id } } : p,
    );
  return ok({ workshop: { ...w, polls }, pollId: copy.id });
}

export function deletePoll(w: Workshop, input: CommandInput<'poll.delete'>): Result<Workshop> {
  const poll = findPoll(w, input.pollId);
  if (!poll) return pollNotFound();
  return ok({
    ...w,
    polls: w.polls
      .filter((p) => p.id !== poll.id)
      .map((p) =>
        p.check?.twinId === poll.id ? { ...p, check: { ...p.check, twinId: null } } : p,
      ),
    projection:
      w.projection.kind === 'poll' && w.projection.pollId === poll.id
        ? { kind: 'activity' }
        : w.projection,
  });
}

/** Checks an answer against its poll; the schema already bounded its size. */
export function validateAnswer(poll: Poll, answer: Answer): Failure | undefined {
  const bad = (message: string) => fail('bad_request', message, 'answer');
  const ids = new Set(poll.options.map((o) => o.id));
  if (answer.kind !== poll.kind) return bad('That answer does not fit this poll');
  switch (answer.kind) {
    case 'single':
    case 'quiz':
      return ids.has(answer.optionId) ? undefined : bad('Choose one of the options');
    case 'multiple': {
      const unique = new Set(answer.optionIds);
      if (unique.size !== answer.optionIds.length || answer.optionIds.some((id) => !ids.has(id)))
        return bad('Choose among the options, each once');
      if (unique.size === 0) return bad('Choose at least one option');
      return unique.size > poll.maxChoices ? bad(`Choose at most ${poll.maxChoices}`) : undefined;
    }
    case 'scale':
      return Number.isInteger(answer.value) &&
        answer.value >= poll.scale.min &&
        answer.value <= poll.scale.max
        ? undefined
        : bad(`Pick a whole number from ${poll.scale.min} to ${poll.scale.max}`);
    case 'ranking': {
      const unique = new Set(answer.order);
      return unique.size === ids.size &&
        answer.order.length === ids.size &&
        answer.order.every((id) => ids.has(id))
        ? undefined
        : bad('Put every option in order, each once');
    }
    case 'open':
      return answer.text.length > 0 ? undefined : bad('Write an answer');
    case 'points': {
      const entries = Object.entries(answer.points);
      if (entries.some(([id, n]) => !ids.has(id) || !Number.isInteger(n) || n < 0))
        return bad('Give whole, positive points to the options');
      const sum = entries.reduce((s, [, n]) => s + n, 0);
      if (sum === 0) return bad('Give some points');
      return sum > poll.pointsTotal
        ? bad(`You have ${poll.pointsTotal} points to spread, not ${sum}`)
        : undefined;
    }
  }
}

/** Where a participant's ballot is kept: their id, or for an anonymous poll an unlinkable key. */
export function ballotKey(
  poll: Poll,
  participantId: string,
  ctx: DomainContext,
): string | undefined {
  if (!poll.anonymous) return participantId;
  return ctx.ballotKeyFor?.(poll.id);
}

/** Inserts into a sorted list by binary search: one copy, no re-sort (a burst of 1,000 votes). */
const insertSorted = (list: readonly string[], id: string): string[] => {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < id) lo = mid + 1;
    else hi = mid;
  }
  if (list[lo] === id) return list as string[];
  return [...list.slice(0, lo), id, ...list.slice(lo)];
};

/** One ballot per participant per poll: a second vote replaces the first while the poll is open. */
export function castVote(
  w: Workshop,
  input: CommandInput<'vote.cast'>,
  ctx: DomainContext,
): Result<Workshop> {
  if (ctx.actor.role !== 'participant') return fail('forbidden', 'Only participants vote');
  const poll = findPoll(w, input.pollId);
  if (!poll || poll.state === 'draft') return pollNotFound();
  if (poll.state !== 'open')
    return fail('conflict', 'This poll is closed: your vote was not counted');
  const problem = validateAnswer(poll, input.answer);
  if (problem) return problem;
  const participantId = ctx.actor.participantId;
  const key = ballotKey(poll, participantId, ctx);
  if (!key) return fail('internal', 'No ballot key for an anonymous vote');
  const answer = normaliseAnswer(input.answer);
  return ok(
    mapPoll(w, poll.id, (p) => ({
      ...p,
      ballots: { ...p.ballots, [key]: answer },
      voters: insertSorted(p.voters, participantId),
    })),
  );
}

/** A vote, and how many ballots its poll holds with it (see CommandResults['vote.cast']). */
export function castCountedVote(
  w: Workshop,
  input: CommandInput<'vote.cast'>,
  ctx: DomainContext,
): Result<{ workshop: Workshop; ballots: number }> {
  const cast = castVote(w, input, ctx);
  if (!cast.ok) return cast;
  const ballots = Object.keys(findPoll(cast.value, input.pollId)!.ballots).length;
  return ok({ workshop: cast.value, ballots });
}

function normaliseAnswer(a: Answer): Answer {
  if (a.kind === 'open') return { kind: 'open', text: a.text.trim() };
  if (a.kind === 'points')
    return {
      kind: 'points',
      points: Object.fromEntries(Object.entries(a.points).filter(([, n]) => n > 0)),
    };
  return a;
}

/** A participant's own answer, for their screen. */
export function myAnswer(
  poll: Poll,
  participantId: string,
  ctx: Pick<DomainContext, 'ballotKeyFor'>,
): Answer | null {
  const key = poll.anonymous ? ctx.ballotKeyFor?.(poll.id) : participantId;
  return (
    (key !== undefined && Object.hasOwn(poll.ballots, key) ? poll.ballots[key] : undefined) ?? null
  );
}

export function setProjection(
  w: Workshop,
  input: CommandInput<'screen.show'>,
  ctx?: Pick<DomainContext, 'actor'>,
): Result<Workshop> {
  const target = input.target;
  if (ctx?.actor.role === 'moderator' && target.kind !== 'question' && target.kind !== 'activity')
    return fail('forbidden', 'A moderator puts only questions on the projector');
  if (target.kind === 'poll') {
    const poll = findPoll(w, target.pollId);
    if (!poll) return pollNotFound();
  }
  if (target.kind === 'question' && !w.questions.some((q) => q.id === target.questionId))
    return fail('not_found', 'That question no longer exists', 'questionId');
  if (target.kind === 'artifact' && !w.artifacts.some((a) => a.id === target.artifactId))
    return fail('not_found', 'That document no longer exists', 'artifactId');
  if (target.kind === 'exercise' && !w.exercises.some((e) => e.id === target.exerciseId))
    return fail('not_found', 'That exercise no longer exists', 'exerciseId');
  if (target.kind === 'review' && !roundOfExercise(w, target.exerciseId))
    return fail('not_found', 'That exercise has no peer-review round', 'exerciseId');
  return ok({ ...w, projection: target });
}
