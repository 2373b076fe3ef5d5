export const POLL_KINDS = [
  'single',
  'multiple',
  'scale',
  'ranking',
  'open',
  'quiz',
  'points',
] as const;
export type PollKind = (typeof POLL_KINDS)[number];

export const POLL_KIND_LABELS: Record<PollKind, string> = {
  single: 'Single choice',
  multiple: 'Multiple choice',
  scale: 'Rating scale',
  ranking: 'Ranking',
  open: 'Open text / word cloud',
  quiz: 'Quiz question',
  points: 'Points allocation',
};

export type PollState = 'draft' | 'open' | 'closed';

export interface PollOption {
  id: string;
  label: string;
  /** Quiz only: whether choosing this option is a correct answer. */
  correct: boolean;
}

export interface ScaleSpec {
  min: number;
  max: number;
  minLabel: string;
  maxLabel: string;
}

/** A quiz question that belongs to a knowledge check taken before or after the training. */
export interface KnowledgeCheckTag {
  phase: 'pre' | 'post';
  /** The same question in the other phase, when it has one. */
  twinId: string | null;
}

/** A ballot, one shape per poll kind (its schema is its source). */
export type { Answer } from '../model/answer.js';
import type { Answer } from '../model/answer.js';

export interface Poll {
  id: string;
  kind: PollKind;
  question: string;
  options: PollOption[];
  /** Multiple choice: how many options one may pick. */
  maxChoices: number;
  scale: ScaleSpec;
  /** Points allocation: how many points each participant spreads. */
  pointsTotal: number;
  /**
   * Anonymous: ballots are keyed by a ballot key the server derives from the participant's secret
   * token (which it never stores), so the stored data cannot link a voter to a choice.
   */
  anonymous: boolean;
  state: PollState;
  /** Where the facilitator shows the results (read it with `resultsShown`). */
  shown?: ResultsShown;
  /** Polls stored before `shown`: results on the projector and on every phone at once. */
  revealed?: boolean;
  activityId: string | null;
  check: KnowledgeCheckTag | null;
  createdAt: number;
  /** Ballots by participant id (named) or ballot key (anonymous). */
  ballots: Record<string, Answer>;
  /** Who has voted, sorted by id so the order says nothing about when. */
  voters: string[];
}

/**
 * Where a poll's results are shown: on the projector, and on every phone. A phone whose owner
 * has answered sees them either way; the projector always shows how many have answered.
 */
export interface ResultsShown {
  screen: boolean;
  phones: boolean;
}

/** Where `poll.reveal` shows or hides the results; absent: both. */
export const RESULTS_PLACES = ['screen', 'phones'] as const;
export type ResultsPlace = (typeof RESULTS_PLACES)[number];

/** A question from the floor. */
/** A question from the floor (model/question.ts). */
export type { FloorQuestion, QuestionState } from '../model/question.js';
