/** The agenda's kinds of activity (model/activity-kinds.ts, without zod: the pages list them). */
export {
  ACTIVITY_KINDS,
  ACTIVITY_KIND_LABELS,
  type ActivityKind,
} from '../model/activity-kinds.js';
/** The agenda and the people: their schemas are their source (model/agenda.ts, model/participant.ts). */
export type { Activity, AgendaModule } from '../model/agenda.js';
export type { Participant } from '../model/participant.js';
import type { AgendaModule } from '../model/agenda.js';
import type { Participant } from '../model/participant.js';

/** Time is data (model/timer.ts): when a running timer ends, or what a paused one has left. */
export type { Timer } from '../model/timer.js';
import type { Timer } from '../model/timer.js';

import type { FloorQuestion, Poll } from './poll-types.js';
import type { Artifact, Exercise, Group } from './group-types.js';
import type { FollowUp } from './followup-types.js';
import type { ReviewRound } from './review-types.js';
import type { CountryNameStyle } from '../country-display.js';
import type { Team } from './team-types.js';
import type { Locale } from '../locales.js';

/** What the projector shows besides the current activity and timer (its schema is its source). */
export type { Projection } from '../model/projection.js';
import type { Projection } from '../model/projection.js';

export interface Workshop {
  id: string;
  title: string;
  venue: string;
  /** ISO dates (YYYY-MM-DD) or null. */
  startsOn: string | null;
  endsOn: string | null;
  joinCode: string;
  facilitatorKeyHash: string;
  screenKeyHash: string;
  createdAt: number;
  modules: AgendaModule[];
  currentActivityId: string | null;
  timer: Timer;
  /** Whether the projector plays a sound when the timer reaches zero. */
  timerSound: boolean;
  participants: Participant[];
  polls: Poll[];
  questions: FloorQuestion[];
  projection: Projection;
  groups: Group[];
  /** Breakout on: participants see their group's workspace; off: everyone is in plenary. */
  breakout: boolean;
  exercises: Exercise[];
  artifacts: Artifact[];
  /** Participants may browse other groups' work, read-only. */
  galleryOpen: boolean;
  /** Delete the workshop and all its data this many days after its last day; null keeps it. */
  retentionDays: number | null;
  /**
   * The address in join links and QR codes, chosen by the facilitator among the server's own
   * (a laptop with Wi-Fi and Ethernet); absent or null: the server's first. Not backed up: an
   * address belongs to one machine on one network.
   */
  joinOrigin?: string | null;
  /** Country names in lists and on screens: UN names or common ones. Absent: UN names. */
  countryNames?: CountryNameStyle;
  /** The projector's languages, one or two (first: `<html lang>`). Absent: English. */
  projectorLanguages?: Locale[];
  /** Check-ins and personal commitments. Missing in workshops stored before: read with `followUpOf`. */
  followUp?: FollowUp;
  /** Peer-review rounds. Missing in workshops stored before peer review: read with `reviewsOf`. */
  reviews?: ReviewRound[];
  /** Co-facilitators and who did what. Missing in workshops stored before: read with `teamOf`. */
  team?: Team;
}

/**
 * Who is acting, as established by authentication (never by the payload). A facilitator without
 * `memberId` is the workshop's creator (its owner); `keyHash` is the hash of the key the actor
 * authenticated with, so that a connection opened with a key since revoked or rotated is refused
 * (see `credentialCurrent`). Actors the server makes always carry it.
 */
export type Actor =
  | { role: 'facilitator'; memberId?: string; keyHash?: string }
  | { role: 'moderator'; memberId: string; keyHash?: string }
  | { role: 'participant'; participantId: string }
  | { role: 'screen'; keyHash?: string };

/** Everything impure a domain function may need, passed in. */
export interface DomainContext {
  actor: Actor;
  now: number;
  newId: () => string;
  /**
   * The ballot key of the acting participant for an anonymous poll, derived by the server from
   * their secret token, which it never stores: the stored ballots cannot be linked to voters.
   */
  ballotKeyFor?: (pollId: string) => string;
  /** Random source in [0, 1), for random groups; tests pass a seeded one. */
  random?: () => number;
  /**
   * Makes a new key and returns its hash (team invitations, key rotation); the server hands the
   * key itself to the caller only.
   */
  issueKey?: () => string;
}
