import { reviewsOf } from './review.js';
import {
  SCORE_MAX,
  SCORE_MIN,
  type Rating,
  type ReviewCriterion,
  type ReviewRound,
} from './review-types.js';
import type { Workshop } from './types.js';

/**
 * What a peer-review round adds up to: per practice, self against the mean of the peers per
 * criterion with the spread of peer scores and the comments; across practices, a ranking per
 * criterion; and for each group, what to borrow from whom. Pure, for the console, the
 * projector, participants and the report.
 */

export interface CriterionResult {
  criterionId: string;
  /** The group's own score, null when it did not score this criterion. */
  self: number | null;
  peerMean: number | null;
  peerMin: number | null;
  peerMax: number | null;
  peerCount: number;
  /** How many peers gave each score, from SCORE_MIN to SCORE_MAX. */
  distribution: number[];
  /** Self minus the peers' mean: above 0, the group rated itself higher than its peers did. */
  gap: number | null;
}

export interface PeerComment {
  text: string;
  /** The rating group in a group round; null when participants rated (comments are unsigned). */
  fromGroupId: string | null;
}

export interface PracticeResult {
  groupId: string;
  artifactId: string;
  criteria: CriterionResult[];
  /** Mean of the criteria's peer means (criteria no peer scored are left out). */
  peerOverall: number | null;
  /** Mean of the group's own scores. */
  selfOverall: number | null;
  /** How many peers (participants or groups) rated this practice. */
  peerRaters: number;
  selfRated: boolean;
  /** What the group noted with its self-assessment. */
  selfComment: string;
  comments: PeerComment[];
}

export interface RankEntry {
  groupId: string;
  peerMean: number;
  /** 1 is the highest; equal means share a rank (1, 1, 3). */
  rank: number;
}

export interface CriterionRanking {
  criterionId: string;
  /** Practices peers scored on this criterion, highest first. */
  entries: RankEntry[];
}

/** Where a group rated itself lowest, the practices others rated highest there. */
export interface BorrowSuggestion {
  groupId: string;
  criterionId: string;
  selfScore: number;
  /** The best-rated other practices on this criterion, all rated above `selfScore` by peers. */
  from: Array<{ groupId: string; peerMean: number }>;
}

export interface ReviewResults {
  roundId: string;
  exerciseId: string;
  practices: PracticeResult[];
  rankings: CriterionRanking[];
  /** Ranking on the overall peer mean. */
  overall: RankEntry[];
  borrow: BorrowSuggestion[];
}

/** Scores within this distance are equal (means of small integers are never closer). */
const EPSILON = 1e-9;

export function mean(values: readonly number[]): number | null {
  return values.length === 0 ? null : values.reduce((s, v) => s + v, 0) / values.length;
}

export function spread(values: readonly number[]): { min: number; max: number } | null {
  return values.length === 0 ? null : { min: Math.min(...values), max: Math.max(...values) };
}

/** Counts per score from SCORE_MIN to SCORE_MAX; scores outside are ignored. */
export function distribution(values: readonly number[]): number[] {
  const counts = Array.from({ length: SCORE_MAX - SCORE_MIN + 1 }, () => 0);
  for (const v of values) if (v >= SCORE_MIN && v <= SCORE_MAX) counts[v - SCORE_MIN]! += 1;
  return counts;
}

const scoreOf = (r: Rating | undefined, criterionId: string): number | null => {
  const v = r?.scores[criterionId];
  return typeof v === 'number' ? v : null;
};

export function criterionResult(
  criterionId: string,
  self: Rating | undefined,
  peers: readonly Rating[],
): CriterionResult {
  const values = peers.flatMap((r) => {
    const v = scoreOf(r, criterionId);
    return v === null ? [] : [v];
  });
  const peerMean = mean(values);
  const range = spread(values);
  const own = scoreOf(self, criterionId);
  return {
    criterionId,
    self: own,
    peerMean,
    peerMin: range?.min ?? null,
    peerMax: range?.max ?? null,
    peerCount: values.length,
    distribution: distribution(values),
    gap: own !== null && peerMean !== null ? own - peerMean : null,
  };
}

/** One practice's results from the round's ratings. */
export function practiceResult(
  round: Pick<ReviewRound, 'mode' | 'criteria' | 'ratings'>,
  practice: { groupId: string; artifactId: string },
): PracticeResult {
  const about = round.ratings.filter((r) => r.targetGroupId === practice.groupId);
  const self = about.find((r) => r.self);
  const peers = about.filter((r) => !r.self);
  const criteria = round.criteria.map((c) => criterionResult(c.id, self, peers));
  const defined = (xs: Array<number | null>) => xs.filter((x): x is number => x !== null);
  return {
    ...practice,
    criteria,
    peerOverall: mean(defined(criteria.map((c) => c.peerMean))),
    selfOverall: mean(defined(criteria.map((c) => c.self))),
    peerRaters: peers.length,
    selfRated: !!self,
    selfComment: self?.comment ?? '',
    comments: peers
      .filter((r) => r.comment.trim())
      .map((r) => ({
        text: r.comment,
        fromGroupId: round.mode === 'group' && r.rater.kind === 'group' ? r.rater.id : null,
      })),
  };
}

/** Practices by a mean, highest first (ties keep their order and share a rank). */
export function rank(
  practices: readonly PracticeResult[],
  meanOf: (p: PracticeResult) => number | null,
): RankEntry[] {
  const scored = practices.flatMap((p) => {
    const m = meanOf(p);
    return m === null ? [] : [{ groupId: p.groupId, peerMean: m }];
  });
  const sorted = scored
    .map((e, i) => ({ ...e, i }))
    .sort((a, b) => b.peerMean - a.peerMean || a.i - b.i);
  return sorted.map((e) => ({
    groupId: e.groupId,
    peerMean: e.peerMean,
    // The first of equal means (sorted, so the first of its tie) gives the rank.
    rank: sorted.findIndex((x) => Math.abs(x.peerMean - e.peerMean) < EPSILON) + 1,
  }));
}

const onCriterion = (criterionId: string) => (p: PracticeResult) =>
  p.criteria.find((c) => c.criterionId === criterionId)?.peerMean ?? null;

export function rankings(
  practices: readonly PracticeResult[],
  criteria: readonly Pick<ReviewCriterion, 'id'>[],
): CriterionRanking[] {
  return criteria.map((c) => ({ criterionId: c.id, entries: rank(practices, onCriterion(c.id)) }));
}

/**
 * What to borrow: for each group that assessed itself, the criteria it scored lowest, and on
 * each the other practices peers rated highest, when that is above the group's own score.
 */
export function borrowSuggestions(
  practices: readonly PracticeResult[],
  criteria: readonly Pick<ReviewCriterion, 'id'>[],
): BorrowSuggestion[] {
  const suggestions: BorrowSuggestion[] = [];
  for (const p of practices) {
    const own = criteria.flatMap((c) => {
      const self = p.criteria.find((x) => x.criterionId === c.id)?.self ?? null;
      return self === null ? [] : [{ criterionId: c.id, self }];
    });
    if (own.length === 0) continue;
    const lowest = Math.min(...own.map((o) => o.self));
    for (const { criterionId } of own.filter((o) => o.self === lowest)) {
      const others = rank(
        practices.filter((q) => q.groupId !== p.groupId),
        onCriterion(criterionId),
      ).filter((e) => e.rank === 1 && e.peerMean > lowest + EPSILON);
      if (others.length === 0) continue;
      suggestions.push({
        groupId: p.groupId,
        criterionId,
        selfScore: lowest,
        from: others.map((e) => ({ groupId: e.groupId, peerMean: e.peerMean })),
      });
    }
  }
  return suggestions;
}

/** The practices of a round: one per group that has a document in its exercise. */
export function practicesOf(
  w: Pick<Workshop, 'groups' | 'artifacts'>,
  exerciseId: string,
): Array<{ groupId: string; artifactId: string }> {
  return w.groups.flatMap((g) => {
    const a = w.artifacts.find((x) => x.exerciseId === exerciseId && x.groupId === g.id);
    return a ? [{ groupId: g.id, artifactId: a.id }] : [];
  });
}

export function reviewResults(
  w: Pick<Workshop, 'groups' | 'artifacts'>,
  round: ReviewRound,
): ReviewResults {
  const practices = practicesOf(w, round.exerciseId).map((p) => practiceResult(round, p));
  return {
    roundId: round.id,
    exerciseId: round.exerciseId,
    practices,
    rankings: rankings(practices, round.criteria),
    overall: rank(practices, (p) => p.peerOverall),
    borrow: borrowSuggestions(practices, round.criteria),
  };
}

/** Every round's results, e.g. for the workshop report. */
export const allReviewResults = (w: Workshop): ReviewResults[] =>
  reviewsOf(w).map((r) => reviewResults(w, r));
