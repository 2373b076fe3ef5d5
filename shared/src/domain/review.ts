import type { CommandInput } from '../schemas.js';
import { kindRules } from '../kinds/catalog.js';
import { groupOf } from './groups.js';
import { fail, ok, type Failure, type Result } from './result.js';
import {
  REVIEW_LIMITS,
  type Rater,
  type Rating,
  type ReviewCriterion,
  type ReviewRound,
} from './review-types.js';
import type { DomainContext, Workshop } from './types.js';

/**
 * Peer-review rounds and ratings. Pure. A round belongs to a practice write-up exercise; groups
 * rate their own practice (self) and the others' (peer) on the round's criteria until the
 * facilitator closes it. Aggregation lives in review-results.ts.
 */

/** Workshops stored before peer review existed have no `reviews`: none. */
export const reviewsOf = (w: Pick<Workshop, 'reviews'>): ReviewRound[] => w.reviews ?? [];

export const findRound = (w: Pick<Workshop, 'reviews'>, roundId: string) =>
  reviewsOf(w).find((r) => r.id === roundId);

export const roundOfExercise = (w: Pick<Workshop, 'reviews'>, exerciseId: string) =>
  reviewsOf(w).find((r) => r.exerciseId === exerciseId);

const roundNotFound = (): Failure =>
  fail('not_found', 'That peer-review round no longer exists', 'roundId');

const mapRound = (w: Workshop, roundId: string, f: (r: ReviewRound) => ReviewRound): Workshop => ({
  ...w,
  reviews: reviewsOf(w).map((r) => (r.id === roundId ? f(r) : r)),
});

type CriterionInput = CommandInput<'review.open'>['criteria'][number];

/** Criteria from the form: a known id keeps its criterion (and its scores), others get new ids. */
function buildCriteria(
  input: readonly CriterionInput[],
  existing: readonly ReviewCriterion[],
  ctx: DomainContext,
): Result<ReviewCriterion[]> {
  const known = new Set(existing.map((c) => c.id));
  const used = new Set<string>();
  const labels = new Set<string>();
  const criteria: ReviewCriterion[] = [];
  for (const c of input) {
    const label = c.label.toLocaleLowerCase();
    if (labels.has(label))
      return fail('bad_request', `Two criteria are called “${c.label}”`, 'criteria');
    labels.add(label);
    const id = c.id && known.has(c.id) && !used.has(c.id) ? c.id : ctx.newId();
    used.add(id);
    criteria.push({ id, label: c.label, description: c.description, anchors: { ...c.anchors } });
  }
  return ok(criteria);
}

/**
 * Opens a peer-review round on a practice write-up exercise. Every group must be able to read
 * the others' write-ups to rate them, so the exercise is revealed too.
 */
export function openReview(
  w: Workshop,
  input: CommandInput<'review.open'>,
  ctx: DomainContext,
): Result<{ workshop: Workshop; roundId: string }> {
  const exercise = w.exercises.find((e) => e.id === input.exerciseId);
  if (!exercise) return fail('not_found', 'That exercise no longer exists', 'exerciseId');
  if (!kindRules(exercise.kind).peerReview)
    return fail('conflict', 'Peer review works on a practice write-up exercise', 'exerciseId');
  if (roundOfExercise(w, exercise.id))
    return fail('conflict', 'This exercise already has a peer-review round');
  if (reviewsOf(w).length >= REVIEW_LIMITS.rounds)
    return fail('conflict', `At most ${REVIEW_LIMITS.rounds} peer-review rounds`);
  const criteria = buildCriteria(input.criteria, [], ctx);
  if (!criteria.ok) return criteria;
  const round: ReviewRound = {
    id: ctx.newId(),
    exerciseId: exercise.id,
    mode: input.mode,
    criteria: criteria.value,
    state: 'open',
    revealed: false,
    openedAt: ctx.now,
    closedAt: null,
    ratings: [],
  };
  return ok({
    workshop: {
      ...w,
      reviews: [...reviewsOf(w), round],
      exercises: w.exercises.map((e) => (e === exercise ? { ...e, revealed: true } : e)),
    },
    roundId: round.id,
  });
}

/** Edits the criteria or the mode. Once anyone has rated, only the criteria's wording may change. */
export function updateReview(
  w: Workshop,
  input: CommandInput<'review.update'>,
  ctx: DomainContext,
): Result<Workshop> {
  const round = findRound(w, input.roundId);
  if (!round) return roundNotFound();
  const criteria = input.criteria
    ? buildCriteria(input.criteria, round.criteria, ctx)
    : ok(round.criteria);
  if (!criteria.ok) return criteria;
  const mode = input.mode ?? round.mode;
  if (round.ratings.length > 0) {
    const ids = (list: readonly ReviewCriterion[]) => list.map((c) => c.id).join(' ');
    if (mode !== round.mode || ids(criteria.value) !== ids(round.criteria))
      return fail(
        'conflict',
        'People have rated: only the wording of the criteria can change now',
        'criteria',
      );
  }
  return ok(mapRound(w, round.id, (r) => ({ ...r, mode, criteria: criteria.value })));
}

/** Closes the round (ratings are final) or opens it again (results are hidden again). */
export function setReviewState(
  w: Workshop,
  input: CommandInput<'review.setState'>,
  ctx: DomainContext,
): Result<Workshop> {
  const round = findRound(w, input.roundId);
  if (!round) return roundNotFound();
  if (round.state === input.state) return ok(w);
  return ok(
    mapRound(w, round.id, (r) =>
      input.state === 'closed'
        ? { ...r, state: 'closed', closedAt: ctx.now }
        : { ...r, state: 'open', closedAt: null, revealed: false },
    ),
  );
}

export function revealReview(w: Workshop, input: CommandInput<'review.reveal'>): Result<Workshop> {
  const round = findRound(w, input.roundId);
  if (!round) return roundNotFound();
  if (input.revealed && round.state !== 'closed')
    return fail('conflict', 'Close the round before showing its results');
  return ok(mapRound(w, round.id, (r) => ({ ...r, revealed: input.revealed })));
}

/** Deletes a round and its ratings; the projector leaves it if it showed it. */
export function deleteReview(w: Workshop, input: CommandInput<'review.delete'>): Result<Workshop> {
  const round = findRound(w, input.roundId);
  if (!round) return roundNotFound();
  return ok({
    ...w,
    reviews: reviewsOf(w).filter((r) => r !== round),
    projection:
      w.projection.kind === 'review' && w.projection.exerciseId === round.exerciseId
        ? { kind: 'activity' }
        : w.projection,
  });
}

const sameRating = (a: Pick<Rating, 'rater' | 'targetGroupId' | 'self'>) => (b: Rating) =>
  a.rater.kind === b.rater.kind &&
  a.rater.id === b.rater.id &&
  a.targetGroupId === b.targetGroupId &&
  a.self === b.self;

/**
 * Saves a participant's rating of one group's practice, replacing the one before. A group rates
 * its own practice only as a self-assessment (any member, for the group); a peer rating comes
 * from a participant or, in a group round, from their group, and never for the rater's group.
 */
export function ratePractice(
  w: Workshop,
  input: CommandInput<'review.rate'>,
  ctx: DomainContext,
): Result<Workshop> {
  if (ctx.actor.role !== 'participant') return fail('forbidden', 'Only participants rate');
  const round = findRound(w, input.roundId);
  if (!round) return roundNotFound();
  if (round.state !== 'open')
    return fail('conflict', 'The facilitator closed this round: ratings can no longer change');
  const target = w.groups.find((g) => g.id === input.targetGroupId);
  if (!target) return fail('not_found', 'That group no longer exists', 'targetGroupId');
  if (!w.artifacts.some((a) => a.exerciseId === round.exerciseId && a.groupId === target.id))
    return fail('not_found', 'That group has no practice in this round', 'targetGroupId');
  const participantId = ctx.actor.participantId;
  const mine = groupOf(w, participantId);
  let rater: Rater;
  if (input.as === 'self') {
    if (mine?.id !== target.id)
      return fail('forbidden', 'Only its own group can self-assess a practice', 'targetGroupId');
    rater = { kind: 'group', id: target.id };
  } else if (mine?.id === target.id) {
    return fail(
      'forbidden',
      'You cannot rate your own group’s practice as a peer: use the self-assessment',
      'targetGroupId',
    );
  } else if (round.mode === 'group') {
    if (!mine) return fail('forbidden', 'In this round groups rate: ask to join a group');
    rater = { kind: 'group', id: mine.id };
  } else {
    rater = { kind: 'participant', id: participantId };
  }
  const ids = new Set(round.criteria.map((c) => c.id));
  const entries = Object.entries(input.scores);
  if (entries.some(([id]) => !ids.has(id)))
    return fail('bad_request', 'A score is for a criterion this round does not have', 'scores');
  if (entries.length === 0) return fail('bad_request', 'Give at least one score', 'scores');
  const rating: Rating = {
    rater,
    raterGroupId: mine?.id ?? null,
    targetGroupId: target.id,
    self: input.as === 'self',
    // Sorted by the round's criteria, so equal ratings are stored alike.
    scores: Object.fromEntries(
      round.criteria.flatMap((c) =>
        input.scores[c.id] === undefined ? [] : [[c.id, input.scores[c.id]!]],
      ),
    ),
    comment: input.comment,
    updatedBy: participantId,
    updatedAt: ctx.now,
  };
  const at = round.ratings.findIndex(sameRating(rating));
  const ratings = at === -1 ? [...round.ratings, rating] : round.ratings.with(at, rating);
  return ok(mapRound(w, round.id, (r) => ({ ...r, ratings })));
}
