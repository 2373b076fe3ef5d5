import type { CommandInput, CommandName } from '../schemas.js';
import * as agenda from './agenda.js';
import * as poll from './poll.js';
import * as groups from './groups.js';
import * as questions from './questions.js';
import * as followUp from './followup.js';
import * as review from './review.js';
import { fail, ok, type Result } from './result.js';
import * as roster from './roster.js';
import * as team from './team.js';
import { recordActivity } from './team-activity.js';
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
  /** `key` is added by the server: the new member's key, told to the inviter only. */
  'team.invite': { memberId: string; key?: string };
  'key.rotate': { key?: string };
  /** How many ballots the poll holds with this one: the first tally whose `voters` reaches it
   *  counts this vote (a voter is sent the tallies from then on anyway). */
  'vote.cast': { ballots: number };
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
/** Questions from the floor are also a moderator's. */
const QUESTIONS = ['facilitator', 'moderator'] as const;
/** Everyone in the facilitation team (the domain refuses what only the owner may do). */
const TEAM = ['facilitator', 'moderator'] as const;

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
  'vote.cast': { roles: PARTICIPANT, apply: returning(poll.castCountedVote) },
  'question.ask': { roles: PARTICIPANT, apply: plain(questions.askQuestion) },
  'question.upvote': { roles: PARTICIPANT, apply: plain(questions.upvoteQuestion) },
  'question.setState': { roles: QUESTIONS, apply: plain(questions.setQuestionState) },
  'screen.show': { roles: QUESTIONS, apply: plain(poll.setProjection) },
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
  'team.invite': { roles: FACILITATOR, apply: returning(team.inviteMember) },
  'team.revoke': { roles: FACILITATOR, apply: plain(team.revokeMember) },
  'team.rename': { roles: TEAM, apply: plain(team.renameSelf) },
  'key.rotate': { roles: FACILITATOR, apply: plain(team.rotateKey) },
};

/**
 * Whether an actor may send a command at all: its role is in the command's table entry, and the
 * key it connected with still opens the workshop (not revoked or replaced since).
 */
export function mayRun(w: Workshop, name: CommandName, actor: Actor): Result<true> {
  if (!team.credentialCurrent(w, actor))
    return fail('unauthorized', 'This key was revoked or replaced: ask for a new link');
  if (!(COMMANDS[name].roles as ReadonlyArray<Actor['role']>).includes(actor.role))
    return fail(
      'forbidden',
      actor.role === 'moderator'
        ? 'A moderator handles questions only'
        : 'Only the facilitator can do that',
    );
  return ok(true);
}

/**
 * Runs a command for an actor: refused unless `mayRun`; applied by the domain; a facilitator's
 * or moderator's notable action credited to them in the team's log.
 */
export function applyCommand<K extends CommandName>(
  w: Workshop,
  name: K,
  input: CommandInput<K>,
  ctx: DomainContext,
): Result<Applied<K>> {
  const allowed = mayRun(w, name, ctx.actor);
  if (!allowed.ok) return allowed;
  const applied = COMMANDS[name].apply(w, input, ctx);
  if (!applied.ok) return applied;
  const workshop = recordActivity(w, applied.value.workshop, name, input, ctx.actor, ctx.now);
  return ok({ ...applied.value, workshop });
}
