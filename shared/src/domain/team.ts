import type { CommandInput, CommandName } from '../schemas.js';
import { findActivity } from './agenda.js';
import { fail, ok, type Result } from './result.js';
import {
  DEFAULT_OWNER_NAME,
  TEAM_LOG_MAX,
  TEAM_MAX_MEMBERS,
  type ActivityEntry,
  type Team,
  type TeamMember,
  type TeamView,
} from './team-types.js';
import type { Actor, DomainContext, Workshop } from './types.js';

/**
 * The facilitation team: the owner (who created the workshop) invites co-facilitators and
 * moderators, each with their own key, and can revoke or replace any key. Keys are made by the
 * server (`ctx.issueKey` returns a new key's hash and hands the key to the caller); the domain
 * only stores hashes.
 */

export const teamOf = (w: Workshop): Team =>
  w.team ?? { ownerName: DEFAULT_OWNER_NAME, members: [], log: [] };

export const isOwner = (actor: Actor): boolean => actor.role === 'facilitator' && !actor.memberId;

const ownerOnly = () =>
  fail('forbidden', 'Only the person who created the workshop manages the team');
const memberNotFound = () => fail('not_found', 'That person is no longer in the team', 'memberId');
const noKeys = () => fail('internal', 'Keys cannot be made here');

export function inviteMember(
  w: Workshop,
  input: CommandInput<'team.invite'>,
  ctx: DomainContext,
): Result<{ workshop: Workshop; memberId: string }> {
  if (!isOwner(ctx.actor)) return ownerOnly();
  if (!ctx.issueKey) return noKeys();
  const team = teamOf(w);
  if (team.members.length >= TEAM_MAX_MEMBERS)
    return fail('conflict', `A team has at most ${TEAM_MAX_MEMBERS} people besides you`);
  const member: TeamMember = {
    id: ctx.newId(),
    name: input.name,
    role: input.role,
    keyHash: ctx.issueKey(),
    invitedAt: ctx.now,
  };
  return ok({
    workshop: { ...w, team: { ...team, members: [...team.members, member] } },
    memberId: member.id,
  });
}

export function revokeMember(
  w: Workshop,
  input: CommandInput<'team.revoke'>,
  ctx: DomainContext,
): Result<Workshop> {
  if (!isOwner(ctx.actor)) return ownerOnly();
  const team = teamOf(w);
  if (!team.members.some((m) => m.id === input.memberId)) return memberNotFound();
  const members = team.members.filter((m) => m.id !== input.memberId);
  return ok({ ...w, team: { ...team, members } });
}

export function renameSelf(
  w: Workshop,
  input: CommandInput<'team.rename'>,
  ctx: DomainContext,
): Result<Workshop> {
  const team = teamOf(w);
  const { actor } = ctx;
  if (isOwner(actor)) return ok({ ...w, team: { ...team, ownerName: input.name } });
  const memberId = actor.role === 'facilitator' || actor.role === 'moderator' ? actor.memberId : '';
  if (!team.members.some((m) => m.id === memberId)) return memberNotFound();
  const members = team.members.map((m) => (m.id === memberId ? { ...m, name: input.name } : m));
  return ok({ ...w, team: { ...team, members } });
}

/**
 * Replaces a key: every connection opened with the old one is dropped and it opens nothing
 * any more. The screen key may be replaced by any facilitator (to make a projector link);
 * the owner's and members' keys only by the owner.
 */
export function rotateKey(
  w: Workshop,
  input: CommandInput<'key.rotate'>,
  ctx: DomainContext,
): Result<Workshop> {
  if (!ctx.issueKey) return noKeys();
  if (input.target === 'screen') return ok({ ...w, screenKeyHash: ctx.issueKey() });
  if (!isOwner(ctx.actor)) return ownerOnly();
  if (input.target === 'owner') return ok({ ...w, facilitatorKeyHash: ctx.issueKey() });
  const team = teamOf(w);
  if (!team.members.some((m) => m.id === input.memberId)) return memberNotFound();
  const keyHash = ctx.issueKey();
  const members = team.members.map((m) => (m.id === input.memberId ? { ...m, keyHash } : m));
  return ok({ ...w, team: { ...team, members } });
}

/**
 * Whether the key an actor authenticated with still opens the workshop: a connection opened
 * before its key was revoked or replaced must not act on, or read, anything more.
 */
export function credentialCurrent(w: Workshop, actor: Actor): boolean {
  switch (actor.role) {
    case 'participant':
      return w.participants.some((p) => p.id === actor.participantId);
    case 'screen':
      return (
        actor.keyHash === undefined ||
        actor.keyHash === w.screenKeyHash ||
        actor.keyHash === w.facilitatorKeyHash
      );
    case 'facilitator':
    case 'moderator': {
      if (!actor.memberId)
        return actor.keyHash === undefined || actor.keyHash === w.facilitatorKeyHash;
      const member = teamOf(w).members.find((m) => m.id === actor.memberId);
      return (
        !!member &&
        member.role === actor.role &&
        (actor.keyHash === undefined || actor.keyHash === member.keyHash)
      );
    }
  }
}

/** The name an action is credited to. */
export function actorName(w: Workshop, actor: Actor): string {
  const team = teamOf(w);
  if (actor.role === 'participant')
    return w.participants.find((p) => p.id === actor.participantId)?.name ?? 'A participant';
  if (actor.role === 'screen') return 'Projector';
  if (!actor.memberId) return team.ownerName;
  return team.members.find((m) => m.id === actor.memberId)?.name ?? 'A former team member';
}

export function teamView(
  w: Workshop,
  online: { owner: boolean; members: ReadonlySet<string> },
): TeamView {
  const team = teamOf(w);
  return {
    ownerName: team.ownerName,
    ownerOnline: online.owner,
    members: team.members.map(({ keyHash: _hash, ...m }) => ({
      ...m,
      online: online.members.has(m.id),
    })),
    log: team.log,
  };
}

const quoted = (s: string) => `“${s}”`;

type Describe = (before: Workshop, after: Workshop, input: never) => string | null;
const describe =
  <K extends CommandName>(
    f: (before: Workshop, after: Workshop, input: CommandInput<K>) => string | null,
  ) =>
  (before: Workshop, after: Workshop, input: CommandInput<K>) =>
    f(before, after, input);

const pollTitle = (w: Workshop, pollId: string) =>
  quoted(w.polls.find((p) => p.id === pollId)?.question ?? 'a poll');
const groupOfArtifact = (w: Workshop, artifactId: string) => {
  const artifact = w.artifacts.find((a) => a.id === artifactId);
  return w.groups.find((g) => g.id === artifact?.groupId)?.name ?? 'a group';
};
const exerciseTitle = (w: Workshop, exerciseId: string) =>
  quoted(w.exercises.find((e) => e.id === exerciseId)?.title ?? 'an exercise');
const memberName = (w: Workshop, memberId: string) =>
  teamOf(w).members.find((m) => m.id === memberId)?.name ?? 'someone';

/** What is worth crediting in the console and the report, in words; other commands are not. */
const DESCRIPTIONS: { [K in CommandName]?: Describe } = {
  'activity.setCurrent': describe<'activity.setCurrent'>((_b, a, i) =>
    i.activityId
      ? `made ${quoted(findActivity(a, i.activityId)?.activity.title ?? 'an activity')} current`
      : 'ended the current activity',
  ),
  'activity.step': describe<'activity.step'>((b, a) => {
    if (a.currentActivityId === b.currentActivityId) return null;
    const current = a.currentActivityId && findActivity(a, a.currentActivityId)?.activity;
    return current ? `moved on to ${quoted(current.title)}` : 'ended the current activity';
  }),
  'timer.start': describe<'timer.start'>((_b, a) =>
    a.timer.status === 'running'
      ? `started the timer (${Math.round(a.timer.durationMs / 60_000)} min)`
      : null,
  ),
  'participant.remove': describe<'participant.remove'>(
    (b, _a, i) =>
      `removed ${b.participants.find((p) => p.id === i.participantId)?.name ?? 'a participant'}`,
  ),
  'poll.setState': describe<'poll.setState'>((b, _a, i) => {
    const verb = { draft: 'reset', open: 'launched', closed: 'closed' }[i.state];
    return `${verb} the poll ${pollTitle(b, i.pollId)}`;
  }),
  'poll.reveal': describe<'poll.reveal'>(
    (b, _a, i) => `${i.revealed ? 'showed' : 'hid'} the results of ${pollTitle(b, i.pollId)}`,
  ),
  'question.setState': describe<'question.setState'>((b, _a, i) => {
    const q = b.questions.find((x) => x.id === i.questionId);
    const verb = { open: 'reopened', answered: 'marked as answered', hidden: 'hid' }[i.state];
    return `${verb} the question ${quoted(q?.text ?? '')}`;
  }),
  'screen.show': describe<'screen.show'>((b, _a, i) => {
    const t = i.target;
    if (t.kind === 'activity') return 'put the activity back on the projector';
    if (t.kind === 'poll') return `put ${pollTitle(b, t.pollId)} on the projector`;
    if (t.kind === 'question') return 'put a question on the projector';
    if (t.kind === 'artifact')
      return `put ${groupOfArtifact(b, t.artifactId)}’s work on the projector`;
    if (t.kind === 'exercise')
      return `put every group’s ${exerciseTitle(b, t.exerciseId)} on the projector`;
    return `put the peer-review comparison of ${exerciseTitle(b, t.exerciseId)} on the projector`;
  }),
  'group.auto': describe<'group.auto'>(
    (_b, a, i) =>
      `made ${a.groups.length} groups (${i.mode === 'country' ? 'by country' : 'random'})`,
  ),
  'breakout.set': describe<'breakout.set'>((_b, _a, i) =>
    i.open ? 'opened the breakout' : 'brought everyone back to plenary',
  ),
  'exercise.launch': describe<'exercise.launch'>(
    (_b, a, i) => `launched ${quoted(i.title)} in ${a.groups.length} groups`,
  ),
  'exercise.reveal': describe<'exercise.reveal'>(
    (b, _a, i) =>
      `${i.revealed ? 'revealed' : 'hid'} the groups’ work on ${exerciseTitle(b, i.exerciseId)}`,
  ),
  'artifact.lock': describe<'artifact.lock'>(
    (b, _a, i) =>
      `${i.locked ? 'locked' : 'unlocked'} ${groupOfArtifact(b, i.artifactId)}’s document`,
  ),
  'gallery.set': describe<'gallery.set'>((_b, _a, i) =>
    i.open ? 'opened the gallery' : 'closed the gallery',
  ),
  'review.open': describe<'review.open'>(
    (b, _a, i) => `opened a peer review of ${exerciseTitle(b, i.exerciseId)}`,
  ),
  'review.reveal': describe<'review.reveal'>((_b, _a, i) =>
    i.revealed ? 'shared the peer-review comparison' : 'hid the peer-review comparison',
  ),
  'team.invite': describe<'team.invite'>(
    (_b, _a, i) =>
      `invited ${i.name} as ${i.role === 'moderator' ? 'moderator' : 'co-facilitator'}`,
  ),
  'team.revoke': describe<'team.revoke'>(
    (b, _a, i) => `revoked ${memberName(b, i.memberId)}’s key`,
  ),
  'key.rotate': describe<'key.rotate'>((b, _a, i) =>
    i.target === 'screen'
      ? 'made a new projector link'
      : i.target === 'owner'
        ? 'replaced their own key'
        : `replaced ${memberName(b, i.memberId)}’s key`,
  ),
};

/**
 * Credits a facilitator's or moderator's notable command to them in the team's activity log
 * (what participants do is not logged here). Returns `after` unchanged for anything else.
 */
export function recordActivity<K extends CommandName>(
  before: Workshop,
  after: Workshop,
  name: K,
  input: CommandInput<K>,
  actor: Actor,
  now: number,
): Workshop {
  if (actor.role !== 'facilitator' && actor.role !== 'moderator') return after;
  const action = DESCRIPTIONS[name]?.(before, after, input as never);
  if (!action) return after;
  const team = teamOf(after);
  const entry: ActivityEntry = {
    at: now,
    by: actor.memberId ?? null,
    byName: actorName(before, actor),
    action,
  };
  return { ...after, team: { ...team, log: [...team.log, entry].slice(-TEAM_LOG_MAX) } };
}
