import type { ReportTeam } from './report-team.js';
import type { FollowUpProgress, PlanCounts } from './followup.js';
import type { PollKind, PollState, ScaleSpec } from './poll-types.js';
import type { PollResults } from './tally.js';
import type { ActivityKind } from './types.js';

/**
 * The workshop report as plain data: what the Markdown file, the printable page and anything
 * else render. Built by `buildReport` from the workshop state and the documents' contents. It
 * holds names, countries and organisations, never a token, a key or a hash.
 */

/** A group document's content and its section in the report: one shape per kind (kinds/). */
export type { PlanItem } from '../kinds/action-plan/document.js';
export type { ReportGaps } from '../kinds/map/report.js';
export type { ReportPillar } from '../kinds/budget/report.js';
export type { WorkBase } from '../kinds/kind.js';
export type { DocumentContent } from '../kinds/documents.js';
export type { ReportWork } from '../kinds/reports.js';
import type { ReportWork } from '../kinds/reports.js';

export interface ReportActivity {
  title: string;
  kind: ActivityKind;
  kindLabel: string;
  plannedMinutes: number;
  /** Null when the activity never ran. */
  actualMinutes: number | null;
  /** Actual minus planned, when it ran. */
  differenceMinutes: number | null;
  current: boolean;
}

export interface ReportModule {
  title: string;
  activities: ReportActivity[];
  plannedMinutes: number;
  actualMinutes: number;
}

export interface ReportPerson {
  name: string;
  organisation: string;
  role: string;
  city: string;
}

export interface ReportCountry {
  code: string;
  name: string;
  people: ReportPerson[];
}

export interface ReportPoll {
  question: string;
  kind: PollKind;
  kindLabel: string;
  state: PollState;
  anonymous: boolean;
  /** Where in the agenda it was asked ("Module · Activity"), when tied to an activity. */
  asked: string | null;
  options: Array<{ id: string; label: string; correct: boolean }>;
  scale: ScaleSpec;
  check: 'pre' | 'post' | null;
  results: PollResults;
}

/** The knowledge check in aggregate only: per-person scores stay in the console. */
export interface ReportKnowledgeCheck {
  questions: Array<{
    question: string;
    pre: number | null;
    post: number | null;
    gain: number | null;
  }>;
  overall: { pre: number | null; post: number | null; gain: number | null };
}

export interface ReportQuestion {
  text: string;
  upvotes: number;
  answered: boolean;
  /** Null when asked anonymously. */
  askedBy: string | null;
}

export interface ReportGroup {
  name: string;
  members: string[];
  work: ReportWork[];
}

export interface ReportCommitment {
  name: string;
  country: string;
  /** The country's ISO code, for a page that names it in its reader's language. */
  countryCode: string;
  group: string | null;
  text: string;
  /** The objective's action it is tied to, as the plan says now (or said then). */
  objective: string | null;
}

export interface ReportFollowUp {
  progress: FollowUpProgress;
  /** Where each group's plan stands now, from its documents. */
  now: Array<{ groupName: string; counts: PlanCounts }>;
  /** Each answered check-in's notes, per group, in date order. */
  notes: Array<{ checkIn: string; dueOn: string; groupName: string; note: string; by: string }>;
}

/** One criterion of a practice: the group's own score against its peers'. */
export interface ReportCriterionScore {
  criterion: string;
  self: number | null;
  peerMean: number | null;
  peerMin: number | null;
  peerMax: number | null;
  peerCount: number;
}

export interface ReportPractice {
  group: string;
  /** The practice's name, as the group wrote it. */
  name: string;
  selfOverall: number | null;
  peerOverall: number | null;
  peerRaters: number;
  /** 1 is the highest peer mean; null when no peer rated it. */
  rank: number | null;
  criteria: ReportCriterionScore[];
  selfComment: string;
  /** Peer comments; from a group in a group round, unsigned when participants rated. */
  comments: Array<{ text: string; from: string | null }>;
}

/** A peer-review round: the practices of one write-up exercise, rated by self and peers. */
export interface ReportReview {
  exercise: string;
  modeLabel: string;
  closed: boolean;
  criteria: Array<{ label: string; description: string }>;
  practices: ReportPractice[];
  /** What each group could borrow, and from whom (see `borrowSuggestions`). */
  borrow: Array<{ group: string; criterion: string; selfScore: number; from: string[] }>;
}

export interface Report {
  title: string;
  venue: string;
  startsOn: string | null;
  endsOn: string | null;
  generatedAt: number;
  summary: {
    participants: number;
    countries: number;
    groups: number;
    polls: number;
    questions: number;
    commitments: number;
  };
  agenda: { modules: ReportModule[]; plannedMinutes: number; actualMinutes: number };
  participants: ReportCountry[];
  polls: ReportPoll[];
  knowledgeCheck: ReportKnowledgeCheck | null;
  questions: ReportQuestion[];
  groups: ReportGroup[];
  commitments: ReportCommitment[];
  followUp: ReportFollowUp;
  /** Peer-review rounds, in the order they were opened. */
  review: ReportReview[];
  /** Who ran the workshop and who did what (absent in reports made before teams). */
  team?: ReportTeam;
}
