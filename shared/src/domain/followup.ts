import type { CommandInput } from '../schemas.js';
import {
  EMPTY_FOLLOW_UP,
  FOLLOW_UP_LIMITS,
  type CheckIn,
  type CheckInAnswer,
  type CheckInObjective,
  type CheckInSelfAssessment,
  type Commitment,
  type FollowUp,
  type FollowUpView,
  type PlanStatus,
} from './followup-types.js';
import { kindRules } from '../kinds/catalog.js';
import type { Artifact } from './group-types.js';
import { groupOf } from './groups.js';
import { fail, ok, type Result } from './result.js';
import { reviewsOf } from './review.js';
import { mean } from './review-results.js';
import type { ReviewRound } from './review-types.js';
import type { Actor, DomainContext, Participant, Workshop } from './types.js';

/** Check-ins and personal commitments: pure, like every command. */

/** Workshops stored before the follow-up existed have no `followUp`: they have none. */
export const followUpOf = (w: Pick<Workshop, 'followUp'>): FollowUp => ({
  checkIns: w.followUp?.checkIns ?? [],
  commitments: w.followUp?.commitments ?? [],
});

const withFollowUp = (w: Workshop, followUp: FollowUp): Workshop => ({ ...w, followUp });

/** Earliest first; two on the same day in the order they were set. */
const byDue = (list: CheckIn[]): CheckIn[] =>
  [...list].sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.createdAt - b.createdAt);

const checkInNotFound = () => fail('not_found', 'That check-in no longer exists', 'checkInId');

/** Peer-review rounds in which a group has a practice: those it can assess itself in again. */
export const selfAssessableRounds = (
  w: Pick<Workshop, 'reviews' | 'artifacts'>,
  groupId: string,
): ReviewRound[] =>
  reviewsOf(w).filter((r) =>
    w.artifacts.some((a) => a.exerciseId === r.exerciseId && a.groupId === groupId),
  );

/** The action plans of a group (one per action-plan exercise). */
export const groupPlans = (w: Pick<Workshop, 'artifacts'>, groupId: string): Artifact[] =>
  w.artifacts.filter((a) => a.groupId === groupId && kindRules(a.kind).followUp === true);

function me(w: Workshop, actor: Actor): Result<Participant> {
  if (actor.role !== 'participant') return fail('forbidden', 'Only a participant can do that');
  const p = w.participants.find((x) => x.id === actor.participantId);
  return p ? ok(p) : fail('forbidden', 'You are no longer in this workshop');
}

export function addCheckIn(
  w: Workshop,
  input: CommandInput<'checkin.add'>,
  ctx: DomainContext,
): Result<{ workshop: Workshop; checkInId: string }> {
  const f = followUpOf(w);
  if (f.checkIns.length >= FOLLOW_UP_LIMITS.checkIns)
    return fail('conflict', `At most ${FOLLOW_UP_LIMITS.checkIns} check-ins`);
  const checkIn: CheckIn = {
    id: ctx.newId(),
    title: input.title,
    dueOn: input.dueOn,
    createdAt: ctx.now,
    answers: [],
  };
  return ok({
    workshop: withFollowUp(w, { ...f, checkIns: byDue([...f.checkIns, checkIn]) }),
    checkInId: checkIn.id,
  });
}

export function updateCheckIn(
  w: Workshop,
  input: CommandInput<'checkin.update'>,
): Result<Workshop> {
  const f = followUpOf(w);
  if (!f.checkIns.some((c) => c.id === input.checkInId)) return checkInNotFound();
  const checkIns = f.checkIns.map((c) =>
    c.id === input.checkInId
      ? {
          ...c,
          ...(input.title !== undefined && { title: input.title }),
          ...(input.dueOn !== undefined && { dueOn: input.dueOn }),
        }
      : c,
  );
  return ok(withFollowUp(w, { ...f, checkIns: byDue(checkIns) }));
}

/** Deleting a check-in deletes the groups' answers to it. */
export function deleteCheckIn(
  w: Workshop,
  input: CommandInput<'checkin.delete'>,
): Result<Workshop> {
  const f = followUpOf(w);
  if (!f.checkIns.some((c) => c.id === input.checkInId)) return checkInNotFound();
  return ok(
    withFollowUp(w, { ...f, checkIns: f.checkIns.filter((c) => c.id !== input.checkInId) }),
  );
}

/**
 * A participant answers a check-in for their group: where each objective of the group's plan
 * stands, and a short note. The group's earlier answer to the same check-in is replaced.
 */
export function answerCheckIn(
  w: Workshop,
  input: CommandInput<'checkin.answer'>,
  ctx: DomainContext,
): Result<Workshop> {
  const who = me(w, ctx.actor);
  if (!who.ok) return who;
  const group = groupOf(w, who.value.id);
  if (!group)
    return fail('conflict', 'You are not in a group: each group answers its check-ins together');
  const f = followUpOf(w);
  const checkIn = f.checkIns.find((c) => c.id === input.checkInId);
  if (!checkIn) return checkInNotFound();
  const plans = new Set(groupPlans(w, group.id).map((a) => a.id));
  if (input.objectives.some((o) => !plans.has(o.artifactId)))
    return fail('forbidden', 'A group reports only on its own action plan', 'objectives');
  const seen = new Set<string>();
  const objectives: CheckInObjective[] = input.objectives.filter((o) => {
    const key = `${o.artifactId}/${o.objectiveId}`;
    return !seen.has(key) && !!seen.add(key);
  });
  const rounds = selfAssessableRounds(w, group.id);
  const selfAssessments: CheckInSelfAssessment[] = [];
  for (const sa of input.selfAssessments) {
    const round = rounds.find((r) => r.id === sa.roundId);
    if (!round)
      return fail('forbidden', 'Your group has no practice in that peer review', 'selfAssessments');
    if (Object.keys(sa.scores).some((id) => !round.criteria.some((c) => c.id === id)))
      return fail('bad_request', 'A score is for a criterion the round does not have', 'scores');
    // Sorted by the round's criteria, like the ratings; a round left unscored is left out.
    const scores = Object.fromEntries(
      round.criteria.flatMap((c) =>
        sa.scores[c.id] === undefined ? [] : [[c.id, sa.scores[c.id]!]],
      ),
    );
    if (Object.keys(scores).length > 0 && !selfAssessments.some((x) => x.roundId === round.id))
      selfAssessments.push({ roundId: round.id, scores });
  }
  const answer: CheckInAnswer = {
    groupId: group.id,
    objectives,
    note: input.note,
    answeredBy: who.value.name,
    answeredAt: ctx.now,
    ...(selfAssessments.length > 0 && { selfAssessments }),
  };
  const checkIns = f.checkIns.map((c) =>
    c === checkIn
      ? { ...c, answers: [...c.answers.filter((a) => a.groupId !== group.id), answer] }
      : c,
  );
  return ok(withFollowUp(w, { ...f, checkIns }));
}

/**
 * A participant writes (or rewrites) their one commitment, optionally tied to an objective of
 * their group's plan. An empty text withdraws it.
 */
export function setCommitment(
  w: Workshop,
  input: CommandInput<'commitment.set'>,
  ctx: DomainContext,
): Result<Workshop> {
  const who = me(w, ctx.actor);
  if (!who.ok) return who;
  const f = followUpOf(w);
  const others = f.commitments.filter((c) => c.participantId !== who.value.id);
  if (input.text === '') return ok(withFollowUp(w, { ...f, commitments: others }));
  if (input.objective) {
    const group = groupOf(w, who.value.id);
    const plans = group ? groupPlans(w, group.id) : [];
    if (!plans.some((a) => a.id === input.objective?.artifactId))
      return fail(
        'forbidden',
        'Tie your commitment to an objective of your own group',
        'objective',
      );
  }
  const commitment: Commitment = {
    participantId: who.value.id,
    text: input.text,
    objective: input.objective,
    updatedAt: ctx.now,
  };
  return ok(withFollowUp(w, { ...f, commitments: [...others, commitment] }));
}

/**
 * What a connection may see: the facilitator everything (of people still in the workshop); a
 * participant the check-in dates, their group's answers and their own commitment.
 */
export function followUpFor(
  w: Workshop,
  role: Actor['role'],
  participantId: string | null,
): FollowUpView {
  const f = followUpOf(w);
  if (role === 'facilitator') {
    const present = new Set(w.participants.map((p) => p.id));
    return { ...f, commitments: f.commitments.filter((c) => present.has(c.participantId)) };
  }
  if (role !== 'participant' || !participantId) return EMPTY_FOLLOW_UP;
  const groupId = groupOf(w, participantId)?.id;
  return {
    checkIns: f.checkIns.map((c) => ({
      ...c,
      answers: c.answers.filter((a) => a.groupId === groupId),
    })),
    commitments: f.commitments.filter((c) => c.participantId === participantId),
  };
}

/**
 * The check-ins a group still owes: due on or before `today` (YYYY-MM-DD) and not answered by
 * that group, oldest first. Participants are reminded of them on their page.
 */
export const dueCheckIns = (
  checkIns: readonly CheckIn[],
  groupId: string,
  today: string,
): CheckIn[] =>
  byDue(checkIns.filter((c) => c.dueOn <= today && !c.answers.some((a) => a.groupId === groupId)));

/** Whether any answer or commitment exists, whose visibility a change of people could change. */
export const hasFollowUpEntries = (w: Pick<Workshop, 'followUp'>): boolean => {
  const f = followUpOf(w);
  return f.commitments.length > 0 || f.checkIns.some((c) => c.answers.length > 0);
};

export interface PlanCounts {
  planned: number;
  inProgress: number;
  done: number;
  total: number;
}

export function planCounts(objectives: ReadonlyArray<{ status: PlanStatus }>): PlanCounts {
  const count = (s: PlanStatus) => objectives.filter((o) => o.status === s).length;
  return {
    planned: count('planned'),
    inProgress: count('in-progress'),
    done: count('done'),
    total: objectives.length,
  };
}

export type ProgressCell =
  | { checkInId: string; answered: false }
  | {
      checkInId: string;
      answered: true;
      counts: PlanCounts;
      note: string;
      answeredBy: string;
      answeredAt: number;
      /** The mean of the group's self-assessment scores at this check-in, if it re-ran it. */
      selfMean: number | null;
    };

export interface ProgressRow {
  groupId: string;
  groupName: string;
  /** The mean of the group's self-assessment scores at the workshop (peer review), if any. */
  workshopSelfMean: number | null;
  cells: ProgressCell[];
}

const scoresOf = (list: ReadonlyArray<{ scores: Record<string, number> }>): number[] =>
  list.flatMap((x) => Object.values(x.scores));

export interface FollowUpProgress {
  checkIns: Array<Pick<CheckIn, 'id' | 'title' | 'dueOn'>>;
  rows: ProgressRow[];
}

/** Progress across groups over time: one row per group, one cell per check-in. */
export function followUpProgress(
  w: Pick<Workshop, 'groups' | 'followUp' | 'reviews'>,
): FollowUpProgress {
  const { checkIns } = followUpOf(w);
  return {
    checkIns: checkIns.map(({ id, title, dueOn }) => ({ id, title, dueOn })),
    rows: w.groups.map((g) => ({
      groupId: g.id,
      groupName: g.name,
      workshopSelfMean: mean(
        scoresOf(
          reviewsOf(w).flatMap((r) => r.ratings.filter((x) => x.self && x.targetGroupId === g.id)),
        ),
      ),
      cells: checkIns.map((c): ProgressCell => {
        const a = c.answers.find((x) => x.groupId === g.id);
        return a
          ? {
              checkInId: c.id,
              answered: true,
              counts: planCounts(a.objectives),
              note: a.note,
              answeredBy: a.answeredBy,
              answeredAt: a.answeredAt,
              selfMean: mean(scoresOf(a.selfAssessments ?? [])),
            }
          : { checkInId: c.id, answered: false };
      }),
    })),
  };
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** The same day `months` months later; the 31st becomes the month's last day when it is shorter. */
export function addMonths(isoDate: string, months: number): string {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(y, m - 1 + months, 1));
  const lastDay = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  target.setUTCDate(Math.min(d, lastDay));
  return target.toISOString().slice(0, 10);
}

/** Check-ins most trainings use: 3 and 6 months after the last day (or the day it was created). */
export function suggestedCheckIns(
  w: Pick<Workshop, 'startsOn' | 'endsOn' | 'createdAt'>,
): Array<{ title: string; dueOn: string }> {
  const from =
    w.endsOn ?? w.startsOn ?? new Date(Math.floor(w.createdAt / DAY_MS) * DAY_MS).toISOString();
  const base = from.slice(0, 10);
  return [
    { title: '3 months', dueOn: addMonths(base, 3) },
    { title: '6 months', dueOn: addMonths(base, 6) },
  ];
}
