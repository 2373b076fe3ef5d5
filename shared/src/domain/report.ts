import { reportKindLabel, reportWork } from '../kinds/reports.js';
import { teamSection } from './report-team.js';
import { countryName } from '../countries.js';
import { actualMs, findActivity } from './agenda.js';
import { followUpOf, followUpProgress, groupPlans, planCounts } from './followup.js';
import { actionPlanMeta } from '../kinds/action-plan/meta.js';
import { practiceMeta } from '../kinds/practice/meta.js';
import type { Artifact, Exercise } from './group-types.js';
import { knowledgeCheck } from './knowledge-check.js';
import { POLL_KIND_LABELS } from './poll-types.js';
import { sortedQuestions } from './questions.js';
import { reviewsOf } from './review.js';
import { reviewResults } from './review-results.js';
import { REVIEW_MODE_LABELS } from './review-types.js';
import { tallyPoll } from './tally.js';
import { ACTIVITY_KIND_LABELS, type Workshop } from './types.js';
import type {
  DocumentContent,
  PlanItem,
  Report,
  ReportCommitment,
  ReportCountry,
  ReportFollowUp,
  ReportGroup,
  ReportKnowledgeCheck,
  ReportModule,
  ReportPoll,
  ReportQuestion,
  ReportReview,
  ReportWork,
} from './report-types.js';

/**
 * The workshop report, built from the workshop state and the plain contents of its group
 * documents. Pure: the server reads the documents and passes the time.
 */
export interface ReportInput {
  workshop: Workshop;
  /** Each group document's content by artifact id; a missing one reads as empty. */
  documents: Readonly<Record<string, DocumentContent>>;
  now: number;
}

const minutesOf = (ms: number) => Math.round(ms / 60_000);
const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);

function agendaSection(w: Workshop, now: number): Report['agenda'] {
  let plannedTotal = 0;
  let actualTotalMs = 0;
  const modules = w.modules.map((m): ReportModule => {
    let planned = 0;
    let ms = 0;
    const activities = m.activities.map((a) => {
      const spent = actualMs(a, now);
      const ran = spent > 0 || a.startedAt !== null;
      const actual = ran ? minutesOf(spent) : null;
      const current = w.currentActivityId === a.id;
      planned += a.plannedMinutes;
      ms += spent;
      return {
        title: a.title,
        kind: a.kind,
        kindLabel: ACTIVITY_KIND_LABELS[a.kind] ?? a.kind,
        plannedMinutes: a.plannedMinutes,
        actualMinutes: actual,
        // A running activity is not over: how long it took is not known yet.
        differenceMinutes: actual === null || current ? null : actual - a.plannedMinutes,
        current,
      };
    });
    plannedTotal += planned;
    actualTotalMs += ms;
    return { title: m.title, activities, plannedMinutes: planned, actualMinutes: minutesOf(ms) };
  });
  return { modules, plannedMinutes: plannedTotal, actualMinutes: minutesOf(actualTotalMs) };
}

/** Everyone by country (countries and people in alphabetical order): no ids, tokens or hashes. */
function participantsSection(w: Workshop): ReportCountry[] {
  const byCountry = new Map<string, ReportCountry>();
  for (const p of w.participants) {
    const entry = byCountry.get(p.country) ?? {
      code: p.country,
      name: countryName(p.country, w.countryNames),
      people: [],
    };
    entry.people.push({ name: p.name, organisation: p.organisation, role: p.role, city: p.city });
    byCountry.set(p.country, entry);
  }
  return [...byCountry.values()].sort(byName).map((c) => ({ ...c, people: c.people.sort(byName) }));
}

function pollsSection(w: Workshop): ReportPoll[] {
  return w.polls
    .filter((p) => p.state !== 'draft')
    .map((p) => {
      const at = p.activityId ? findActivity(w, p.activityId) : undefined;
      return {
        question: p.question,
        kind: p.kind,
        kindLabel: POLL_KIND_LABELS[p.kind] ?? p.kind,
        state: p.state,
        anonymous: p.anonymous,
        asked: at ? `${at.module.title} · ${at.activity.title}` : null,
        options: p.options.map((o) => ({ id: o.id, label: o.label, correct: o.correct })),
        scale: p.scale,
        check: p.check?.phase ?? null,
        results: tallyPoll(p, true),
      };
    });
}

function knowledgeCheckSection(w: Workshop): ReportKnowledgeCheck | null {
  if (!w.polls.some((p) => p.kind === 'quiz' && p.check?.phase === 'pre')) return null;
  const kc = knowledgeCheck(w.polls, w.participants);
  return {
    questions: kc.questions.map(({ question, pre, post, gain }) => ({ question, pre, post, gain })),
    overall: kc.overall,
  };
}

const questionsSection = (w: Workshop): ReportQuestion[] =>
  sortedQuestions(w.questions)
    .filter((q) => q.state !== 'hidden')
    .map((q) => ({
      text: q.text,
      upvotes: q.upvoters.length,
      answered: q.state === 'answered',
      askedBy: q.authorName,
    }));

/** Gaps named for people: actor names and sector labels instead of ids. */
function work(a: Artifact, exercise: Exercise | undefined, found: DocumentContent | undefined) {
  const base = {
    artifactId: a.id,
    title: a.title,
    kindLabel: reportKindLabel(a.kind),
    submittedAt: a.submittedAt,
  };
  return reportWork(base, a, exercise, found);
}

function groupsSection(w: Workshop, documents: ReportInput['documents']): ReportGroup[] {
  const exerciseOrder = new Map(w.exercises.map((e, i) => [e.id, i]));
  const names = new Map(w.participants.map((p) => [p.id, p.name]));
  return w.groups.map((g) => ({
    name: g.name,
    members: g.memberIds.flatMap((id) => names.get(id) ?? []),
    work: w.artifacts
      .filter((a) => a.groupId === g.id)
      .sort(
        (a, b) => (exerciseOrder.get(a.exerciseId) ?? 0) - (exerciseOrder.get(b.exerciseId) ?? 0),
      )
      .map((a): ReportWork =>
        work(
          a,
          w.exercises.find((e) => e.id === a.exerciseId),
          documents[a.id],
        ),
      ),
  }));
}

const planOf = (documents: ReportInput['documents'], artifactId: string): PlanItem[] => {
  const content = documents[artifactId];
  return content?.kind === actionPlanMeta.kind ? content.objectives : [];
};

function commitmentsSection(w: Workshop, documents: ReportInput['documents']) {
  const people = new Map(w.participants.map((p) => [p.id, p]));
  return followUpOf(w)
    .commitments.flatMap((c): ReportCommitment[] => {
      const p = people.get(c.participantId);
      if (!p) return [];
      const group = w.groups.find((g) => g.memberIds.includes(p.id));
      const objective = c.objective
        ? planOf(documents, c.objective.artifactId).find((o) => o.id === c.objective?.objectiveId)
            ?.action || c.objective.action
        : null;
      return [
        {
          name: p.name,
          country: countryName(p.country, w.countryNames),
          countryCode: p.country,
          group: group?.name ?? null,
          text: c.text,
          objective: objective || null,
        },
      ];
    })
    .sort(byName);
}

function followUpSection(w: Workshop, documents: ReportInput['documents']): ReportFollowUp {
  const groupName = new Map(w.groups.map((g) => [g.id, g.name]));
  return {
    progress: followUpProgress(w),
    now: w.groups
      .filter((g) => groupPlans(w, g.id).length > 0)
      .map((g) => ({
        groupName: g.name,
        counts: planCounts(groupPlans(w, g.id).flatMap((a) => planOf(documents, a.id))),
      })),
    notes: followUpOf(w).checkIns.flatMap((c) =>
      c.answers
        .filter((a) => a.note.trim() !== '' && groupName.has(a.groupId))
        .map((a) => ({
          checkIn: c.title,
          dueOn: c.dueOn,
          groupName: groupName.get(a.groupId)!,
          note: a.note,
          by: a.answeredBy,
        })),
    ),
  };
}

/** The name a group gave its practice (the write-up's first section), or ''. */
function practiceName(content: DocumentContent | undefined): string {
  return content?.kind === practiceMeta.kind ? (content.sections[0]?.text.trim() ?? '') : '';
}

/** Each peer-review round: self against peers per practice and criterion, and what to borrow. */
function reviewSection(w: Workshop, documents: ReportInput['documents']): ReportReview[] {
  const groupName = (id: string) => w.groups.find((g) => g.id === id)?.name ?? 'A group';
  return reviewsOf(w).map((round) => {
    const results = reviewResults(w, round);
    const criterion = (id: string) => round.criteria.find((c) => c.id === id)?.label ?? '';
    const rank = new Map(results.overall.map((e) => [e.groupId, e.rank]));
    return {
      exercise: w.exercises.find((e) => e.id === round.exerciseId)?.title ?? 'Practice write-ups',
      modeLabel: REVIEW_MODE_LABELS[round.mode] ?? round.mode,
      closed: round.state === 'closed',
      criteria: round.criteria.map((c) => ({ label: c.label, description: c.description })),
      practices: results.practices.map((p) => ({
        group: groupName(p.groupId),
        name: practiceName(documents[p.artifactId]),
        selfOverall: p.selfOverall,
        peerOverall: p.peerOverall,
        peerRaters: p.peerRaters,
        rank: rank.get(p.groupId) ?? null,
        criteria: p.criteria.map((c) => ({
          criterion: criterion(c.criterionId),
          self: c.self,
          peerMean: c.peerMean,
          peerMin: c.peerMin,
          peerMax: c.peerMax,
          peerCount: c.peerCount,
        })),
        selfComment: p.selfComment,
        comments: p.comments.map((c) => ({
          text: c.text,
          from: c.fromGroupId ? groupName(c.fromGroupId) : null,
        })),
      })),
      borrow: results.borrow.map((b) => ({
        group: groupName(b.groupId),
        criterion: criterion(b.criterionId),
        selfScore: b.selfScore,
        from: b.from.map((f) => groupName(f.groupId)),
      })),
    };
  });
}

export { namedGaps } from '../kinds/map/report.js';

export function buildReport({ workshop: w, documents, now }: ReportInput): Report {
  const participants = participantsSection(w);
  const polls = pollsSection(w);
  const questions = questionsSection(w);
  const commitments = commitmentsSection(w, documents);
  return {
    title: w.title,
    venue: w.venue,
    startsOn: w.startsOn,
    endsOn: w.endsOn,
    generatedAt: now,
    summary: {
      participants: w.participants.length,
      countries: participants.length,
      groups: w.groups.length,
      polls: polls.length,
      questions: questions.length,
      commitments: commitments.length,
    },
    agenda: agendaSection(w, now),
    participants,
    polls,
    knowledgeCheck: knowledgeCheckSection(w),
    questions,
    groups: groupsSection(w, documents),
    commitments,
    followUp: followUpSection(w, documents),
    review: reviewSection(w, documents),
    team: teamSection(w),
  };
}
