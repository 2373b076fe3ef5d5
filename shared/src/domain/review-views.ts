import { groupOf } from './groups.js';
import { reviewsOf } from './review.js';
import { practicesOf, reviewResults, type ReviewResults } from './review-results.js';
import type { ReviewRound } from './review-types.js';
import type { Workshop } from './types.js';

/** How far the rating of one practice has gone, for the facilitator. */
export interface ReviewProgress {
  groupId: string;
  selfDone: boolean;
  peers: number;
  /** Peers who could rate it: participants outside the group, or the other groups. */
  expected: number;
}

/** A round as a screen sees it: never who gave which rating. */
export interface ReviewRoundView extends Omit<ReviewRound, 'ratings'> {
  /** Facilitator only. */
  progress: ReviewProgress[] | null;
  /** The facilitator always; participants and the projector once the round is revealed. */
  results: ReviewResults | null;
}

/** A rating this participant gave, or their group gave: theirs to see and change. */
export interface MyRating {
  roundId: string;
  targetGroupId: string;
  self: boolean;
  scores: Record<string, number>;
  comment: string;
  /** The participant who saved it last. */
  updatedBy: string;
  updatedAt: number;
}

export function reviewProgress(w: Workshop, round: ReviewRound): ReviewProgress[] {
  return practicesOf(w, round.exerciseId).map(({ groupId }) => {
    const about = round.ratings.filter((r) => r.targetGroupId === groupId);
    return {
      groupId,
      selfDone: about.some((r) => r.self),
      peers: about.filter((r) => !r.self).length,
      expected:
        round.mode === 'group'
          ? w.groups.length - 1
          : w.participants.filter((p) => groupOf(w, p.id)?.id !== groupId).length,
    };
  });
}

export function reviewView(w: Workshop, round: ReviewRound, facilitator: boolean): ReviewRoundView {
  return {
    id: round.id,
    exerciseId: round.exerciseId,
    mode: round.mode,
    criteria: round.criteria,
    state: round.state,
    revealed: round.revealed,
    openedAt: round.openedAt,
    closedAt: round.closedAt,
    progress: facilitator ? reviewProgress(w, round) : null,
    results: facilitator || round.revealed ? reviewResults(w, round) : null,
  };
}

export const reviewsFor = (w: Workshop, facilitator: boolean): ReviewRoundView[] =>
  reviewsOf(w).map((r) => reviewView(w, r, facilitator));

/** The ratings a participant gave, and those their group gave (self-assessments included). */
export function myRatings(w: Workshop, participantId: string): MyRating[] {
  const groupId = groupOf(w, participantId)?.id;
  return reviewsOf(w).flatMap((round) =>
    round.ratings
      .filter((r) =>
        r.rater.kind === 'participant' ? r.rater.id === participantId : r.rater.id === groupId,
      )
      .map((r) => ({
        roundId: round.id,
        targetGroupId: r.targetGroupId,
        self: r.self,
        scores: r.scores,
        comment: r.comment,
        updatedBy: r.updatedBy,
        updatedAt: r.updatedAt,
      })),
  );
}

/**
 * Participants whose own ratings (as `myRatings` gives them) may differ between two states:
 * the raters of changed ratings, and everyone whose group changed.
 */
export function ratingsAudience(before: Workshop, after: Workshop): Set<string> {
  const who = new Set<string>();
  const key = (roundId: string, r: ReviewRound['ratings'][number]) =>
    `${roundId}|${r.rater.kind}|${r.rater.id}|${r.targetGroupId}|${r.self}`;
  const old = new Map(
    reviewsOf(before).flatMap((round) => round.ratings.map((r) => [key(round.id, r), r] as const)),
  );
  const changed: ReviewRound['ratings'] = [];
  for (const round of reviewsOf(after)) {
    for (const r of round.ratings) {
      const k = key(round.id, r);
      if (old.get(k) !== r) changed.push(r);
      old.delete(k);
    }
  }
  changed.push(...old.values());
  for (const r of changed) {
    if (r.rater.kind === 'participant') who.add(r.rater.id);
    else
      for (const g of [before, after])
        for (const id of g.groups.find((x) => x.id === r.rater.id)?.memberIds ?? []) who.add(id);
  }
  if (before.groups !== after.groups && reviewsOf(after).length > 0) {
    for (const p of after.participants)
      if (groupOf(before, p.id)?.id !== groupOf(after, p.id)?.id) who.add(p.id);
  }
  return who;
}
