import { isCorrect } from './tally.js';
import type { Poll } from './poll-types.js';
import type { Participant } from './types.js';

/** Before/after comparison of a knowledge check: per question, overall, and per participant. */

export interface QuestionGain {
  preId: string;
  postId: string | null;
  question: string;
  /** Share of voters correct, 0..1, or null when nobody answered. */
  pre: number | null;
  post: number | null;
  /** post - pre, in share points, when both exist. */
  gain: number | null;
}

export interface ParticipantScore {
  participantId: string;
  name: string;
  pre: { correct: number; answered: number };
  post: { correct: number; answered: number };
}

export interface KnowledgeCheckReport {
  questions: QuestionGain[];
  overall: { pre: number | null; post: number | null; gain: number | null };
  /** Only from named questions: anonymous ballots cannot be scored per person. */
  participants: ParticipantScore[];
}

const shareCorrect = (poll: Poll | undefined): { correct: number; answered: number } => {
  if (!poll) return { correct: 0, answered: 0 };
  const ballots = Object.values(poll.ballots);
  return { correct: ballots.filter((b) => isCorrect(poll, b)).length, answered: ballots.length };
};

const ratio = (s: { correct: number; answered: number }) =>
  s.answered ? s.correct / s.answered : null;

export function knowledgeCheck(
  polls: readonly Poll[],
  participants: readonly Participant[],
): KnowledgeCheckReport {
  const byId = new Map(polls.map((p) => [p.id, p]));
  const pres = polls.filter((p) => p.kind === 'quiz' && p.check?.phase === 'pre');
  const preTotal = { correct: 0, answered: 0 };
  const postTotal = { correct: 0, answered: 0 };
  const questions = pres.map((pre): QuestionGain => {
    const post = pre.check?.twinId ? byId.get(pre.check.twinId) : undefined;
    const a = shareCorrect(pre);
    const b = shareCorrect(post);
    preTotal.correct += a.correct;
    preTotal.answered += a.answered;
    postTotal.correct += b.correct;
    postTotal.answered += b.answered;
    const preShare = ratio(a);
    const postShare = post ? ratio(b) : null;
    return {
      preId: pre.id,
      postId: post?.id ?? null,
      question: pre.question,
      pre: preShare,
      post: postShare,
      gain: preShare !== null && postShare !== null ? postShare - preShare : null,
    };
  });
  const pre = ratio(preTotal);
  const post = ratio(postTotal);

  const scores = new Map<string, ParticipantScore>(
    participants.map((p) => [
      p.id,
      {
        participantId: p.id,
        name: p.name,
        pre: { correct: 0, answered: 0 },
        post: { correct: 0, answered: 0 },
      },
    ]),
  );
  for (const poll of polls) {
    if (poll.kind !== 'quiz' || !poll.check || poll.anonymous) continue;
    for (const [participantId, ballot] of Object.entries(poll.ballots)) {
      const score = scores.get(participantId)?.[poll.check.phase];
      if (!score) continue;
      score.answered++;
      if (isCorrect(poll, ballot)) score.correct++;
    }
  }
  return {
    questions,
    overall: { pre, post, gain: pre !== null && post !== null ? post - pre : null },
    participants: [...scores.values()].filter((s) => s.pre.answered + s.post.answered > 0),
  };
}
