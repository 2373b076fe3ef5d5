import type { CommandInput, CommandName } from '../schemas.js';
import { findActivity } from './agenda.js';
import { actorName, teamOf } from './team.js';
import { TEAM_LOG_MAX, type ActivityEntry, type ActivityWhat } from './team-types.js';
import type { Actor, Workshop } from './types.js';

/**
 * The team's activity log: which facilitator or moderator did what, as data (`ActivityWhat`) that
 * each screen words in its reader's language, plus the English line for the Markdown report.
 */

type Describe = (before: Workshop, after: Workshop, input: never) => ActivityWhat | null;
const describe =
  <K extends CommandName>(
    f: (before: Workshop, after: Workshop, input: CommandInput<K>) => ActivityWhat | null,
  ) =>
  (before: Workshop, after: Workshop, input: CommandInput<K>) =>
    f(before, after, input);

const pollTitle = (w: Workshop, pollId: string) =>
  w.polls.find((p) => p.id === pollId)?.question ?? '';
const groupOfArtifact = (w: Workshop, artifactId: string) => {
  const artifact = w.artifacts.find((a) => a.id === artifactId);
  return w.groups.find((g) => g.id === artifact?.groupId)?.name ?? '';
};
const exerciseTitle = (w: Workshop, exerciseId: string) =>
  w.exercises.find((e) => e.id === exerciseId)?.title ?? '';
const memberName = (w: Workshop, memberId: string) =>
  teamOf(w).members.find((m) => m.id === memberId)?.name ?? '';

/** What is worth crediting in the console and the report; other commands are not. */
const DESCRIPTIONS: { [K in CommandName]?: Describe } = {
  'activity.setCurrent': describe<'activity.setCurrent'>((_b, a, i) =>
    i.activityId
      ? {
          did: 'activity.current',
          title: findActivity(a, i.activityId)?.activity.title ?? '',
        }
      : { did: 'activity.ended' },
  ),
  'activity.step': describe<'activity.step'>((b, a) => {
    if (a.currentActivityId === b.currentActivityId) return null;
    const current = a.currentActivityId && findActivity(a, a.currentActivityId)?.activity;
    return current ? { did: 'activity.moved', title: current.title } : { did: 'activity.ended' };
  }),
  'timer.start': describe<'timer.start'>((_b, a) =>
    a.timer.status === 'running'
      ? { did: 'timer.started', minutes: Math.round(a.timer.durationMs / 60_000) }
      : null,
  ),
  'participant.remove': describe<'participant.remove'>((b, _a, i) => ({
    did: 'participant.removed',
    name: b.participants.find((p) => p.id === i.participantId)?.name ?? '',
  })),
  'poll.setState': describe<'poll.setState'>((b, _a, i) => ({
    did: ({ draft: 'poll.reset', open: 'poll.launched', closed: 'poll.closed' } as const)[i.state],
    poll: pollTitle(b, i.pollId),
  })),
  'poll.reveal': describe<'poll.reveal'>((b, _a, i) => ({
    did: i.revealed ? 'poll.shown' : 'poll.hidden',
    poll: pollTitle(b, i.pollId),
  })),
  'question.setState': describe<'question.setState'>((b, _a, i) => ({
    did: (
      {
        open: 'question.reopened',
        answered: 'question.answered',
        hidden: 'question.hidden',
      } as const
    )[i.state],
    question: b.questions.find((x) => x.id === i.questionId)?.text ?? '',
  })),
  'screen.show': describe<'screen.show'>((b, _a, i) => {
    const t = i.target;
    if (t.kind === 'activity') return { did: 'screen.activity' };
    if (t.kind === 'poll') return { did: 'screen.poll', poll: pollTitle(b, t.pollId) };
    if (t.kind === 'question') return { did: 'screen.question' };
    if (t.kind === 'artifact')
      return { did: 'screen.artifact', group: groupOfArtifact(b, t.artifactId) };
    if (t.kind === 'exercise')
      return { did: 'screen.exercise', exercise: exerciseTitle(b, t.exerciseId) };
    return { did: 'screen.review', exercise: exerciseTitle(b, t.exerciseId) };
  }),
  'group.auto': describe<'group.auto'>((_b, a, i) => ({
    did: i.mode === 'country' ? 'groups.byCountry' : 'groups.random',
    count: a.groups.length,
  })),
  'breakout.set': describe<'breakout.set'>((_b, _a, i) => ({
    did: i.open ? 'breakout.opened' : 'breakout.closed',
  })),
  'exercise.launch': describe<'exercise.launch'>((_b, a, i) => ({
    did: 'exercise.launched',
    title: i.title,
    count: a.groups.length,
  })),
  'exercise.reveal': describe<'exercise.reveal'>((b, _a, i) => ({
    did: i.revealed ? 'exercise.revealed' : 'exercise.hidden',
    exercise: exerciseTitle(b, i.exerciseId),
  })),
  'artifact.lock': describe<'artifact.lock'>((b, _a, i) => ({
    did: i.locked ? 'artifact.locked' : 'artifact.unlocked',
    group: groupOfArtifact(b, i.artifactId),
  })),
  'gallery.set': describe<'gallery.set'>((_b, _a, i) => ({
    did: i.open ? 'gallery.opened' : 'gallery.closed',
  })),
  'review.open': describe<'review.open'>((b, _a, i) => ({
    did: 'review.opened',
    exercise: exerciseTitle(b, i.exerciseId),
  })),
  'review.reveal': describe<'review.reveal'>((_b, _a, i) => ({
    did: i.revealed ? 'review.shared' : 'review.hidden',
  })),
  'team.invite': describe<'team.invite'>((_b, _a, i) => ({
    did: i.role === 'moderator' ? 'team.invitedModerator' : 'team.invitedCoFacilitator',
    name: i.name,
  })),
  'team.revoke': describe<'team.revoke'>((b, _a, i) => ({
    did: 'team.revoked',
    name: memberName(b, i.memberId),
  })),
  'key.rotate': describe<'key.rotate'>((b, _a, i) =>
    i.target === 'screen'
      ? { did: 'key.screen' }
      : i.target === 'owner'
        ? { did: 'key.own' }
        : { did: 'key.member', name: memberName(b, i.memberId) },
  ),
};

const quoted = (s: string, otherwise: string) => (s ? `“${s}”` : otherwise);
const groups = (n: number) => `${n} ${n === 1 ? 'group' : 'groups'}`;

/** A logged action in English, without its subject: "launched the poll “Who refers first?”". */
export function activityText(w: ActivityWhat): string {
  switch (w.did) {
    case 'activity.current':
      return `made ${quoted(w.title, 'an activity')} current`;
    case 'activity.moved':
      return `moved on to ${quoted(w.title, 'an activity')}`;
    case 'activity.ended':
      return 'ended the current activity';
    case 'timer.started':
      return `started the timer (${w.minutes} min)`;
    case 'participant.removed':
      return `removed ${w.name || 'a participant'}`;
    case 'poll.reset':
      return `reset the poll ${quoted(w.poll, '')}`.trimEnd();
    case 'poll.launched':
      return `launched the poll ${quoted(w.poll, '')}`.trimEnd();
    case 'poll.closed':
      return `closed the poll ${quoted(w.poll, '')}`.trimEnd();
    case 'poll.shown':
      return `showed the results of ${quoted(w.poll, 'a poll')}`;
    case 'poll.hidden':
      return `hid the results of ${quoted(w.poll, 'a poll')}`;
    case 'question.reopened':
      return `reopened the question ${quoted(w.question, '')}`.trimEnd();
    case 'question.answered':
      return `marked as answered the question ${quoted(w.question, '')}`.trimEnd();
    case 'question.hidden':
      return `hid the question ${quoted(w.question, '')}`.trimEnd();
    case 'screen.activity':
      return 'put the activity back on the projector';
    case 'screen.poll':
      return `put ${quoted(w.poll, 'a poll')} on the projector`;
    case 'screen.question':
      return 'put a question on the projector';
    case 'screen.artifact':
      return `put ${w.group || 'a group'}’s work on the projector`;
    case 'screen.exercise':
      return `put every group’s ${quoted(w.exercise, 'exercise')} on the projector`;
    case 'screen.review':
      return `put the peer-review comparison of ${quoted(w.exercise, 'an exercise')} on the projector`;
    case 'groups.byCountry':
      return `made ${groups(w.count)} (by country)`;
    case 'groups.random':
      return `made ${groups(w.count)} (random)`;
    case 'breakout.opened':
      return 'opened the breakout';
    case 'breakout.closed':
      return 'brought everyone back to plenary';
    case 'exercise.launched':
      return `launched ${quoted(w.title, 'an exercise')} in ${groups(w.count)}`;
    case 'exercise.revealed':
      return `revealed the groups’ work on ${quoted(w.exercise, 'an exercise')}`;
    case 'exercise.hidden':
      return `hid the groups’ work on ${quoted(w.exercise, 'an exercise')}`;
    case 'artifact.locked':
      return `locked ${w.group || 'a group'}’s document`;
    case 'artifact.unlocked':
      return `unlocked ${w.group || 'a group'}’s document`;
    case 'gallery.opened':
      return 'opened the gallery';
    case 'gallery.closed':
      return 'closed the gallery';
    case 'review.opened':
      return `opened a peer review of ${quoted(w.exercise, 'an exercise')}`;
    case 'review.shared':
      return 'shared the peer-review comparison';
    case 'review.hidden':
      return 'hid the peer-review comparison';
    case 'team.invitedCoFacilitator':
      return `invited ${w.name} as co-facilitator`;
    case 'team.invitedModerator':
      return `invited ${w.name} as moderator`;
    case 'team.revoked':
      return `revoked ${w.name || 'someone'}’s key`;
    case 'key.screen':
      return 'made a new projector link';
    case 'key.own':
      return 'replaced their own key';
    case 'key.member':
      return `replaced ${w.name || 'someone'}’s key`;
  }
}

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
  const what = DESCRIPTIONS[name]?.(before, after, input as never);
  if (!what) return after;
  const team = teamOf(after);
  const entry: ActivityEntry = {
    at: now,
    by: actor.memberId ?? null,
    byName: actorName(before, actor),
    action: activityText(what),
    what,
  };
  return { ...after, team: { ...team, log: [...team.log, entry].slice(-TEAM_LOG_MAX) } };
}
