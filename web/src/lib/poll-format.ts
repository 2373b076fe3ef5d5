import type { Answer, PollView } from '@plenary/shared';

/** Kinds whose options are a list the facilitator writes. */
export const hasOptions = (kind: PollView['kind']): boolean => kind !== 'scale' && kind !== 'open';

/** Whether a quiz answer is right, once the correct options are known (revealed). */
export function quizVerdict(poll: PollView, answer: Answer | undefined): 'right' | 'wrong' | null {
  if (poll.kind !== 'quiz' || answer?.kind !== 'quiz') return null;
  if (!poll.options.some((o) => o.correct !== undefined)) return null;
  return poll.options.some((o) => o.id === answer.optionId && o.correct) ? 'right' : 'wrong';
}

/** The option ids a participant chose, for marking "your answer" in results. */
export function chosenIds(answer: Answer | undefined): string[] {
  if (!answer) return [];
  if (answer.kind === 'single' || answer.kind === 'quiz') return [answer.optionId];
  if (answer.kind === 'multiple') return answer.optionIds;
  return [];
}
