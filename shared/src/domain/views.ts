import type {
  Answer,
  FloorQuestion,
  KnowledgeCheckTag,
  Poll,
  PollKind,
  PollState,
  ResultsShown,
  ScaleSpec,
} from './poll-types.js';
import { resultsShown } from './poll-results.js';
import { DEFAULT_COUNTRY_NAMES, type CountryNameStyle } from '../country-display.js';
import { sortedQuestions } from './questions.js';
import { projectorLanguagesOf, type Locale } from '../locales.js';
import type { Participant, Workshop } from './types.js';

/** What every connected screen knows of the workshop (no secrets, no roster). */
export interface SessionView extends Pick<
  Workshop,
  | 'id'
  | 'title'
  | 'venue'
  | 'startsOn'
  | 'endsOn'
  | 'joinCode'
  | 'modules'
  | 'currentActivityId'
  | 'timer'
  | 'timerSound'
  | 'projection'
  | 'groups'
  | 'breakout'
  | 'exercises'
  | 'artifacts'
  | 'galleryOpen'
  | 'retentionDays'
> {
  /** The join address the facilitator chose, or null (see Workshop.joinOrigin). */
  joinOrigin: string | null;
  countryNames: CountryNameStyle;
  /** The languages the projector shows, one or two, first one first. */
  projectorLanguages: Locale[];
}

export type Presence = 'online' | 'away';

/**
 * What every screen sees of a participant: the name, country and presence the participant page
 * shows. Organisation, role and city go only to the facilitator and to the participant themself:
 * each phone in a plenary of 1,000 need not hold everyone's profile (and a welcome is half the
 * size: bench/, reconnect storm).
 */
export interface RosterEntry {
  id: string;
  name: string;
  country: string;
  presence: Presence;
}

/** The whole profile (never the token hash): for the facilitator, and for oneself. */
export interface ParticipantView extends RosterEntry {
  city: string;
  organisation: string;
  role: string;
  language?: Locale;
  joinedAt: number;
  presence: Presence;
  /** Server time of the last connection or disconnection, null if never connected. */
  lastSeenAt: number | null;
}

export const sessionView = (w: Workshop): SessionView => ({
  id: w.id,
  title: w.title,
  venue: w.venue,
  startsOn: w.startsOn,
  endsOn: w.endsOn,
  joinCode: w.joinCode,
  modules: w.modules,
  currentActivityId: w.currentActivityId,
  timer: w.timer,
  timerSound: w.timerSound,
  joinOrigin: w.joinOrigin ?? null,
  projection: w.projection,
  groups: w.groups,
  breakout: w.breakout,
  exercises: w.exercises,
  artifacts: w.artifacts,
  galleryOpen: w.galleryOpen,
  retentionDays: w.retentionDays ?? null,
  countryNames: w.countryNames ?? DEFAULT_COUNTRY_NAMES,
  projectorLanguages: projectorLanguagesOf(w),
});

export interface PresenceInfo {
  online: boolean;
  lastSeenAt: number | null;
}

export const isParticipantView = (p: RosterEntry): p is ParticipantView => 'joinedAt' in p;

export const rosterEntry = (p: Participant, presence: PresenceInfo): RosterEntry => ({
  id: p.id,
  name: p.name,
  country: p.country,
  presence: presence.online ? 'online' : 'away',
});

export const participantView = (p: Participant, presence: PresenceInfo): ParticipantView => ({
  id: p.id,
  name: p.name,
  country: p.country,
  city: p.city,
  organisation: p.organisation,
  role: p.role,
  ...(p.language ? { language: p.language } : {}),
  joinedAt: p.joinedAt,
  presence: presence.online ? 'online' : 'away',
  lastSeenAt: presence.lastSeenAt,
});

/** Fields of the session view that changed between two workshop states (by reference). */
export const sessionChanged = (a: Workshop, b: Workshop): boolean =>
  a.title !== b.title ||
  a.venue !== b.venue ||
  a.startsOn !== b.startsOn ||
  a.endsOn !== b.endsOn ||
  a.modules !== b.modules ||
  a.currentActivityId !== b.currentActivityId ||
  a.timer !== b.timer ||
  a.timerSound !== b.timerSound ||
  a.joinOrigin !== b.joinOrigin ||
  a.projection !== b.projection ||
  a.groups !== b.groups ||
  a.breakout !== b.breakout ||
  a.exercises !== b.exercises ||
  a.artifacts !== b.artifacts ||
  a.galleryOpen !== b.galleryOpen ||
  a.retentionDays !== b.retentionDays ||
  a.countryNames !== b.countryNames ||
  a.projectorLanguages !== b.projectorLanguages;

/** A poll as screens see it: no ballots. Which options are correct shows only when allowed. */
export interface PollView {
  id: string;
  kind: PollKind;
  question: string;
  options: Array<{ id: string; label: string; correct?: boolean }>;
  maxChoices: number;
  scale: ScaleSpec;
  pointsTotal: number;
  anonymous: boolean;
  state: PollState;
  /** Where the facilitator shows the results. */
  shown: ResultsShown;
  activityId: string | null;
  check: KnowledgeCheckTag | null;
  createdAt: number;
}

export function pollView(p: Poll, showCorrect: boolean): PollView {
  return {
    id: p.id,
    kind: p.kind,
    question: p.question,
    options: p.options.map((o) =>
      showCorrect && p.kind === 'quiz'
        ? { id: o.id, label: o.label, correct: o.correct }
        : { id: o.id, label: o.label },
    ),
    maxChoices: p.maxChoices,
    scale: p.scale,
    pointsTotal: p.pointsTotal,
    anonymous: p.anonymous,
    state: p.state,
    shown: resultsShown(p),
    activityId: p.activityId,
    check: p.check,
    createdAt: p.createdAt,
  };
}

/** The polls a role may see: the facilitator all of them, others all but drafts. */
export const pollsFor = (w: Workshop, facilitator: boolean): PollView[] =>
  w.polls
    .filter((p) => facilitator || p.state !== 'draft')
    .map((p) => pollView(p, facilitator || resultsShown(p).phones));

/** Whether anything but the ballots changed between two versions of a poll. */
export const pollDefinitionChanged = (a: Poll, b: Poll): boolean =>
  (Object.keys(b) as Array<keyof Poll>).some(
    (k) => k !== 'ballots' && k !== 'voters' && a[k] !== b[k],
  );

export interface QuestionView {
  id: string;
  text: string;
  authorName: string | null;
  upvotes: number;
  state: FloorQuestion['state'];
  createdAt: number;
}

/** Questions sorted by votes; hidden ones only for the facilitator. */
export const questionsFor = (w: Workshop, facilitator: boolean): QuestionView[] =>
  sortedQuestions(w.questions)
    .filter((q) => facilitator || q.state !== 'hidden')
    .map((q) => ({
      id: q.id,
      text: q.text,
      authorName: q.authorName,
      upvotes: q.upvoters.length,
      state: q.state,
      createdAt: q.createdAt,
    }));

export type MyAnswers = Record<string, Answer>;
