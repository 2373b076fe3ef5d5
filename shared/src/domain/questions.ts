import type { CommandInput } from '../schemas.js';
import { LIMITS } from '../limits.js';
import { fail, ok, type Result } from './result.js';
import type { FloorQuestion } from './poll-types.js';
import type { DomainContext, Workshop } from './types.js';

/** Questions from the floor: participants ask and upvote; the facilitator answers or hides. */

const notFound = () => fail('not_found', 'That question no longer exists', 'questionId');

export function askQuestion(
  w: Workshop,
  input: CommandInput<'question.ask'>,
  ctx: DomainContext,
): Result<Workshop> {
  if (ctx.actor.role !== 'participant') return fail('forbidden', 'Only participants ask questions');
  const me = w.participants.find(
    (p) => ctx.actor.role === 'participant' && p.id === ctx.actor.participantId,
  );
  if (!me) return fail('forbidden', 'You are no longer in this workshop');
  if (w.questions.length >= LIMITS.questions) return fail('conflict', 'The question list is full');
  const question: FloorQuestion = {
    id: ctx.newId(),
    text: input.text,
    authorId: input.anonymous ? null : me.id,
    authorName: input.anonymous ? null : me.name,
    upvoters: [],
    state: 'open',
    createdAt: ctx.now,
  };
  return ok({ ...w, questions: [...w.questions, question] });
}

export function upvoteQuestion(
  w: Workshop,
  input: CommandInput<'question.upvote'>,
  ctx: DomainContext,
): Result<Workshop> {
  if (ctx.actor.role !== 'participant') return fail('forbidden', 'Only participants upvote');
  const me = ctx.actor.participantId;
  const q = w.questions.find((x) => x.id === input.questionId);
  if (!q || q.state === 'hidden') return notFound();
  const has = q.upvoters.includes(me);
  if (has === input.up) return ok(w);
  const upvoters = input.up ? [...q.upvoters, me] : q.upvoters.filter((id) => id !== me);
  return ok({ ...w, questions: w.questions.map((x) => (x === q ? { ...q, upvoters } : x)) });
}

export function setQuestionState(
  w: Workshop,
  input: CommandInput<'question.setState'>,
): Result<Workshop> {
  const q = w.questions.find((x) => x.id === input.questionId);
  if (!q) return notFound();
  const projection =
    input.state === 'hidden' && w.projection.kind === 'question' && w.projection.questionId === q.id
      ? ({ kind: 'activity' } as const)
      : w.projection;
  return ok({
    ...w,
    projection,
    questions: w.questions.map((x) => (x === q ? { ...q, state: input.state } : x)),
  });
}

/** Most upvoted first, then oldest first. */
export const sortedQuestions = (qs: readonly FloorQuestion[]): FloorQuestion[] =>
  [...qs].sort((a, b) => b.upvoters.length - a.upvoters.length || a.createdAt - b.createdAt);
