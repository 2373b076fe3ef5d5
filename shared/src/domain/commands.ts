import type { CommandInput, CommandName } from '../schemas.js';
import * as agenda from './agenda.js';
import * as poll from './poll.js';
import * as groups from './groups.js';
import * as questions from './questions.js';
import * as followUp from './followup.js';
import * as review from './review.js';
import { ok, type Result } from './result.js';
import * as roster from './roster.js';
import type { Actor, DomainContext, Workshop } from './types.js';
import * as workshop from './workshop.js';

/** What a successful command returns besides the new state, by command. */
export interface CommandResults {
  'module.add': { moduleId: string };
  'activity.add': { activityId: string };
  'poll.create': { pollId: string };
  'poll.duplicate': { pollId: string };
  'group.create': { groupId: string };
  'exercise.launch': { exerciseId: string };
  'checkin.add': { checkInId: string };
  'review.open': { roundId: string };
}
export type CommandResult<K extends CommandName> = K extends keyof CommandResults
  ? CommandResults[K]
  : Record<string, never>;

export interface Applied<K extends CommandName> {
  workshop: Workshop;
  result: CommandResult<K>;
}

interface CommandSpec<K extends CommandName> {
  /** Who may send it. Anyone else is refused before the input is even parsed. */
  roles: ReadonlyArray<Actor['role']>;
  apply: (w: Workshop, input: CommandInput<K>, ctx: DomainContext) => Result<Applied<K>>;
}

const none = {} as Record<string, never>;

/** Lifts a domain function that returns only the new workshop. */
const plain =
  <K extends CommandName>(
    f: (w: Workshop, input: CommandInput<K>, ctx: DomainContext) => Result<Workshop>,
  ) =>
  (w: Workshop, input: CommandInput<K>, ctx: DomainContext): Result<Applied<K>> => {
    const r = f(w, input, ctx);
    return r.ok ? ok({ workshop: r.value, result: none as CommandResult<K> }) : r;
  };

/** Lifts a domain function that returns the new workshop plus ids it created (`{ workshop, pollId }`). */
const returning =
  <K extends CommandName>(
    f: (
      w: Workshop,
      input: CommandInput<K>,
      ctx: DomainContext,
    ) => Result<{ workshop: Workshop } & CommandResult<K>>,
  ) =>
  (w: Workshop, input: CommandInput<K>, ctx: DomainContext): Result<Applied<K>> => {
    const r = f(w, input, ctx);
    if (!r.ok) return r;
    const { workshop: next, ...result } = r.value;
    return ok({ workshop: next, result: result as unknown as CommandResult<K> });
  };

const FACILITATOR = ['facilitator'] as const;
const PARTICIPANT = ['participant'] as const;

/** The command table: one entry per command, read by the server's one generic handler. */
export const COMMANDS: { [K in CommandName]: CommandSpec<K> } = {
  'workshop.update': { roles: FACILITATOR, apply: plain(workshop.updateWorkshop) },
  'module.add': { roles: FACILITATOR, apply: returning(agenda.addModule) },
  'module.update': { roles: FACILITATOR, apply: plain(agenda.renameModule) },
  'module.move': { roles: FACILITATOR, apply: plain(agenda.moveModule) },
  'module.delete': { roles: FACILITATOR, apply: plain(agenda.deleteModule) },
  'activity.add': { roles: FACILITATOR, apply: returning(agenda.addActivity) },
  'activity.update': { roles: FACILITATOR, apply: plain(agenda.updateActivity) },
  'activity.move': { roles: FACILITATOR, apply: plain(agenda.moveActivity) },
  'activity.delete': { roles: FACILITATOR, apply: plain(agenda.deleteActivity) },
  'activity.setCurrent': { roles: FACILITATOR, apply: plain(agenda.setCurrent) },
  'activity.step': { roles: FACILITATOR, apply: plain(agenda.stepActivity) },
  'timer.start': { roles: FACILITATOR, apply: plain(workshop.timerStart) },
  'timer.pause': { roles: FACILITATOR, apply: plain(workshop.timerPause) },
  'timer.resume': { roles: FACILITATOR, apply: plain(workshop.timerResume) },
  'timer.adjust': { roles: FACILITATOR, apply: plain(workshop.timerAdjust) },
  'timer.reset': { roles: FACILITATOR, apply: plain(workshop.timerReset) },
  'participant.rename': { roles: FACILITATOR, apply: plain(roster.renameParticipant) },
  'participant.remove': { roles: FACILITATOR, apply: plain(roster.removeParticipant) },
  'me.update': { roles: PARTICIPANT, apply: plain(roster.updateOwnProfile) },
  'poll.create': { roles: FACILITATOR, apply: returning(poll.createPoll) },
  'poll.update': { roles: FACILITATOR, apply: plain(poll.updatePoll) },
  'poll.setState': { roles: FACILITATOR, apply: plain(poll.setPollState) },
  'poll.reveal': { roles: FACILITATOR, apply: plain(poll.revealPoll) },
  'poll.duplicate': { roles: FACILITATOR, apply: returning(poll.duplicatePoll) },
  'poll.delete': { roles: FACILITATOR, apply: plain(poll.deletePoll) },
  'vote.cast': { roles: PARTICIPANT, apply: plain(poll.castVote) },
  'question.ask': { roles: PARTICIPANT, apply: plain(questions.askQuestion) },
  'question.upvote': { roles: PARTICIPANT, apply: plain(questions.upvoteQuestion) },
  'question.setState': { roles: FACILITATOR, apply: plain(questions.setQuestionState) },
  'screen.show': { roles: FACILITATOR, apply: plain(poll.setProjection) },
  'group.create': { roles: FACILITATOR, apply: returning(groups.createGroup) },
  'group.update': { roles: FACILITATOR, apply: plain(groups.renameGroup) },
  'group.delete': { roles: FACILITATOR, apply: plain(groups.deleteGroup) },
  'group.assign': { roles: FACILITATOR, apply: plain(groups.assignToGroup) },
  'group.auto': { roles: FACILITATOR, apply: plain(groups.autoGroups) },
  'group.extraTime': { roles: FACILITATOR, apply: plain(groups.giveExtraTime) },
  'breakout.set': { roles: FACILITATOR, apply: plain(groups.setBreakout) },
  'exercise.launch': { roles: FACILITATOR, apply: returning(groups.launchExercise) },
  'exercise.reveal': { roles: FACILITATOR, apply: plain(groups.revealExercise) },
  'artifact.submit': { roles: ['facilitator', 'participant'], apply: plain(groups.submitArtifact) },
  'artifact.lock': { roles: FACILITATOR, apply: plain(groups.lockArtifact) },
  'gallery.set': { roles: FACILITATOR, apply: plain(groups.setGallery) },
  'vignette.show': { roles: FACILITATOR, apply: plain(groups.showVignetteStages) },
  'exercise.budget': { roles: FACILITATOR, apply: plain(groups.setBudget) },
  'checkin.add': { roles: FACILITATOR, apply: returning(followUp.addCheckIn) },
  'checkin.update': { roles: FACILITATOR, apply: plain(followUp.updateCheckIn) },
  'checkin.delete': { roles: FACILITATOR, apply: plain(followUp.deleteCheckIn) },
  'checkin.answer': { roles: PARTICIPANT, apply: plain(followUp.answerCheckIn) },
  'commitment.set': { roles: PARTICIPANT, apply: plain(followUp.setCommitment) },
  'review.open': { roles: FACILITATOR, apply: returning(review.openReview) },
  'review.update': { roles: FACILITATOR, apply: plain(review.updateReview) },
  'review.setState': { roles: FACILITATOR, apply: plain(review.setReviewState) },
  'review.reveal': { roles: FACILITATOR, apply: plain(review.revealReview) },
  'review.delete': { roles: FACILITATOR, apply: plain(review.deleteReview) },
  'review.rate': { roles: PARTICIPANT, apply: plain(review.ratePractice) },
};
