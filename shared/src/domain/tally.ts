import type { Answer, Poll } from './poll-types.js';

/** Tallies are derived from ballots, never stored. */

export interface OptionResult {
  id: string;
  label: string;
  /** Single, multiple, quiz: how many chose it. Ranking: how many ranked it first. */
  count: number;
  /** count / voters, 0..1. */
  share: number;
  /** Quiz: whether it is a correct answer (only in revealed or facilitator results). */
  correct?: boolean;
  /** Ranking: mean position, 1 = first. */
  averagePosition?: number;
  /** Points: total points given. */
  points?: number;
}

export interface PollResults {
  pollId: string;
  kind: Poll['kind'];
  voters: number;
  options: OptionResult[];
  /** Scale: count per value from min to max, and the mean. */
  distribution?: Array<{ value: number; count: number }>;
  mean?: number | null;
  /** Open text: the answers (newest last) and word frequencies. */
  texts?: string[];
  words?: Array<{ word: string; count: number }>;
  /** Quiz: share of voters who answered correctly. */
  correctShare?: number | null;
}

const STOP_WORDS = new Set(
  'a an and are as at be but by for from has have in is it its of on or our so that the their there they this to was we were will with not no do does more most very can should would'.split(
    ' ',
  ),
);

export function wordCounts(
  texts: readonly string[],
  limit = 60,
): Array<{ word: string; count: number }> {
  const counts = new Map<string, number>();
  for (const text of texts) {
    const seen = new Set<string>();
    for (const raw of text.toLowerCase().split(/[^\p{L}\p{N}'-]+/u)) {
      const word = raw.replace(/^['-]+|['-]+$/g, '');
      if (word.length < 2 || STOP_WORDS.has(word) || seen.has(word)) continue;
      seen.add(word); // a word counts once per answer
      counts.set(word, (counts.get(word) ?? 0) + 1);
    }
  }
  return [...counts]
    .map(([word, count]) => ({ word, count }))
    .sort((a, b) => b.count - a.count || a.word.localeCompare(b.word))
    .slice(0, limit);
}

export const isCorrect = (poll: Poll, answer: Answer): boolean =>
  answer.kind === 'quiz' && poll.options.some((o) => o.id === answer.optionId && o.correct);

export function tallyPoll(poll: Poll, withCorrect: boolean): PollResults {
  const ballots = Object.values(poll.ballots);
  const voters = ballots.length;
  const share = (n: number) => (voters === 0 ? 0 : n / voters);
  const base = { pollId: poll.id, kind: poll.kind, voters };
  const counts = new Map(poll.options.map((o) => [o.id, 0]));
  const bump = (id: string, by = 1) => counts.set(id, (counts.get(id) ?? 0) + by);
  const options = (extra: (id: string) => Partial<OptionResult> = () => ({})): OptionResult[] =>
    poll.options.map((o) => ({
      id: o.id,
      label: o.label,
      count: counts.get(o.id) ?? 0,
      share: share(counts.get(o.id) ?? 0),
      ...(poll.kind === 'quiz' && withCorrect && { correct: o.correct }),
      ...extra(o.id),
    }));

  switch (poll.kind) {
    case 'single':
    case 'quiz': {
      let correct = 0;
      for (const b of ballots) {
        if (b.kind === 'single' || b.kind === 'quiz') bump(b.optionId);
        if (isCorrect(poll, b)) correct++;
      }
      return {
        ...base,
        options: options(),
        ...(poll.kind === 'quiz' &&
          withCorrect && { correctShare: voters ? correct / voters : null }),
      };
    }
    case 'multiple':
      for (const b of ballots) if (b.kind === 'multiple') b.optionIds.forEach((id) => bump(id));
      return { ...base, options: options() };
    case 'ranking': {
      const positions = new Map(poll.options.map((o) => [o.id, 0]));
      for (const b of ballots) {
        if (b.kind !== 'ranking') continue;
        b.order.forEach((id, i) => positions.set(id, (positions.get(id) ?? 0) + i + 1));
        if (b.order[0]) bump(b.order[0]);
      }
      return {
        ...base,
        options: options((id) => ({
          averagePosition: voters ? (positions.get(id) ?? 0) / voters : 0,
        })).sort((a, b) => (a.averagePosition ?? 0) - (b.averagePosition ?? 0)),
      };
    }
    case 'points': {
      const points = new Map(poll.options.map((o) => [o.id, 0]));
      for (const b of ballots) {
        if (b.kind !== 'points') continue;
        for (const [id, n] of Object.entries(b.points)) {
          points.set(id, (points.get(id) ?? 0) + n);
          if (n > 0) bump(id);
        }
      }
      const total = [...points.values()].reduce((s, n) => s + n, 0);
      return {
        ...base,
        options: options((id) => ({
          points: points.get(id) ?? 0,
          share: total ? (points.get(id) ?? 0) / total : 0,
        })),
      };
    }
    case 'scale': {
      const { min, max } = poll.scale;
      const distribution = Array.from({ length: max - min + 1 }, (_, i) => ({
        value: min + i,
        count: 0,
      }));
      let sum = 0;
      for (const b of ballots) {
        if (b.kind !== 'scale') continue;
        const slot = distribution[b.value - min];
        if (slot) slot.count++;
        sum += b.value;
      }
      return { ...base, options: [], distribution, mean: voters ? sum / voters : null };
    }
    case 'open': {
      const texts = ballots.flatMap((b) => (b.kind === 'open' ? [b.text] : []));
      return { ...base, options: [], texts, words: wordCounts(texts) };
    }
  }
}
