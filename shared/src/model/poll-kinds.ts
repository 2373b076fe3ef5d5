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

/** Where `poll.reveal` shows or hides the results; absent: both. */
export const RESULTS_PLACES = ['screen', 'phones'] as const;
export type ResultsPlace = (typeof RESULTS_PLACES)[number];
