/** Poll kinds and where results show (model/poll-kinds.ts, without zod: the pages list them). */
export {
  POLL_KINDS,
  POLL_KIND_LABELS,
  RESULTS_PLACES,
  type PollKind,
  type ResultsPlace,
} from '../model/poll-kinds.js';
/** Polls and ballots: their schemas are their source (model/poll.ts, model/answer.ts). */
export type {
  KnowledgeCheckTag,
  Poll,
  PollOption,
  PollState,
  ResultsShown,
  ScaleSpec,
} from '../model/poll.js';
export type { Answer } from '../model/answer.js';

/** A question from the floor (model/question.ts). */
export type { FloorQuestion, QuestionState } from '../model/question.js';
