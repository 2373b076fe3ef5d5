import type { CommandResult } from './domain/commands.js';
import type { Failure } from './domain/result.js';
import type { CountryNameStyle } from './country-display.js';
import type {
  MyAnswers,
  RosterEntry,
  PollView,
  QuestionView,
  SessionView,
} from './domain/views.js';
import type { PollResults } from './domain/tally.js';
import type { FollowUpView } from './domain/followup-types.js';
import type { ProgressSummary } from './kinds/kind.js';
import type { TeamView } from './domain/team-types.js';
import type { MyRating, ReviewRoundView } from './domain/review-views.js';
import type { CommandName, CommandPayload } from './schemas.js';
import type { RestoreNote } from './domain/report-backup.js';
import { applyRosterPatch } from './domain/roster-patch.js';

/** Bumped on any incompatible change; a client with another version is refused at the handshake. */
export const PROTOCOL_VERSION = 3;

/** The message types of a document connection (the first varuint of each message). */
export const DOC_MESSAGE = {
  /** y-websocket's own: sync steps and updates, presence, a request for everyone's presence. */
  sync: 0,
  awareness: 1,
  queryAwareness: 3,
  /**
   * Ours: the server tells a document's clients which state is durably stored, as an encoded Yjs
   * state vector. A client whose own state vector is covered knows that everything it typed is
   * saved.
   */
  saved: 100,
  /** Ours: a connection's first message, its credential (see doc-auth.ts). */
  auth: 101,
} as const;

export const DOC_MESSAGE_SAVED = DOC_MESSAGE.saved;

/**
 * Why the server closed a document connection. 4000-4999 are the application's; y-websocket
 * clients stop reconnecting after 4400-4499 and retry after any other.
 */
export const DOC_CLOSE = {
  badMessage: 4400,
  unauthorized: 4401,
  forbidden: 4403,
  gone: 4404,
  tooLarge: 4413,
  /** No access at connection, yet: a reveal or a move to the group may give it, so retry. */
  notYet: 4503,
  /** WebSocket's own: no credential came in time (policy violation). */
  noCredential: 1008,
  /** WebSocket's own: the server could not check access, load or store (try again). */
  serverError: 1011,
} as const;

/**
 * socket.io client reconnection: first retry after 125-375 ms, doubling to at most 1 s, with
 * jitter so a room does not retry in step. socket.io's default (1 s doubling to 5 s) left people
 * waiting up to 5 s more after a server restart of 2 s (bench/, reconnect storm); a refused
 * attempt costs the server nothing, so retrying every second is cheap.
 */
export const RECONNECTION = {
  reconnectionDelay: 250,
  reconnectionDelayMax: 1000,
  randomizationFactor: 0.5,
} as const;

/** y-websocket's longest wait between reconnection attempts (its default is 2.5 s). */
export const DOC_RECONNECT_MAX_MS = 1000;

export type Credential =
  | { kind: 'facilitator'; key: string }
  | { kind: 'participant'; token: string }
  | { kind: 'screen'; key: string };

/** socket.io `auth` payload. */
export interface HandshakeAuth {
  protocol: number;
  workshopId: string;
  credential: Credential;
}

/** A team member with the moderator role connects with a facilitator credential. */
export type Role = Credential['kind'] | 'moderator';

/** Every command is acknowledged: applied (or applied before, for a retried cmdId), or refused. */
export type Ack<T = Record<string, never>> = ({ ok: true; duplicate?: boolean } & T) | Failure;

export interface Welcome {
  role: Role;
  participantId: string | null;
  /** A co-facilitator's or moderator's id in the team; null for the owner and everyone else. */
  memberId?: string | null;
  session: SessionView;
  /**
   * Everyone, as of the workshop's last roster patch, compressed JSON (see `welcomeRoster`): the
   * server encodes it once per patch for every welcome in between, where encoding 1,000
   * participants for each of 1,000 connections took most of a join storm (bench/, scenario 3).
   */
  roster: RosterJson;
  /** Applied over `roster`: for a participant, their own whole profile. (Changes since the
   *  encoded roster come in the next patch.) */
  rosterPending: RosterPatch;
  serverNow: number;
  polls: PollView[];
  /** Results this connection may see: all for the facilitator, the shown ones for others. */
  results: PollResults[];
  /** Projector: how many have answered each poll whose results it does not show. */
  counts: PollCount[];
  /** A participant: the tallies of polls they answered whose results are not shown on phones. */
  myResults?: PollResults[];
  questions: QuestionView[];
  /** A participant's own answers, by poll id. */
  myAnswers: MyAnswers;
  /** Question ids this participant has upvoted. */
  myUpvotes: string[];
  /** Facilitator only: progress of each group document being worked on. */
  progress: ArtifactProgress[];
  /** Check-ins and commitments this connection may see (see `followUpFor`). */
  followUp: FollowUpView;
  /** Peer-review rounds (results for the facilitator, or once revealed). */
  reviews: ReviewRoundView[];
  /** A participant's ratings, and their group's. */
  myRatings: MyRating[];
}

/** How many have answered a poll. */
export interface PollCount {
  pollId: string;
  voters: number;
}

export interface ArtifactProgress {
  artifactId: string;
  done: number;
  total: number;
  lastEditAt: number | null;
  lastEditor: string | null;
  /** Names of participants in the document now. */
  active: string[];
  /** For documents without items to tick (maps, budgets): counts each screen words itself. */
  summary?: ProgressSummary;
}

/**
 * Participants added or changed (joined, renamed, came online, went away) and removed since the
 * last patch. Merged on the server, so 1,000 people joining within seconds cost each screen a
 * few dozen messages, not a thousand.
 */
export interface RosterPatch {
  /** Whole profiles (ParticipantView) to the facilitator and to each participant about themself. */
  upsert: RosterEntry[];
  remove: string[];
}

/**
 * A roster (RosterEntry[], or ParticipantView[] for the facilitator) as UTF-8 JSON compressed
 * with raw DEFLATE (RFC 1951), produced by the server only. Bytes, not text: socket.io sends a
 * binary attachment as it is, where a string inside the welcome was escaped and copied again
 * for every connection. Compressed: 1,000 participants with random names are about 80 KB of
 * JSON and 20 KB deflated, and after a Wi-Fi drop every phone in the room fetches it at once
 * through the venue's access points. Browsers receive an ArrayBuffer and inflate it with the
 * built-in DecompressionStream, so the page carries no inflate code.
 */
export type RosterJson = Uint8Array | ArrayBuffer;

/** The roster a welcome carries: the encoded one with the pending changes applied. */
export async function welcomeRoster(
  w: Pick<Welcome, 'roster' | 'rosterPending'>,
): Promise<RosterEntry[]> {
  const bytes = w.roster instanceof Uint8Array ? w.roster : new Uint8Array(w.roster);
  const inflated = new Blob([bytes as Uint8Array<ArrayBuffer>])
    .stream()
    .pipeThrough(new DecompressionStream('deflate-raw'));
  const entries = JSON.parse(await new Response(inflated).text()) as RosterEntry[];
  return applyRosterPatch(entries, w.rosterPending);
}

/** The part of a welcome every connection of one kind (facilitator, or everyone else) shares. */
export type WelcomeCommon = Pick<
  Welcome,
  'session' | 'polls' | 'results' | 'counts' | 'questions' | 'reviews'
>;

/**
 * A welcome as it travels: the common part as UTF-8 JSON bytes, which the server encodes once
 * per workshop state and kind of connection. Encoded in every welcome, the session (with every
 * group's members), polls, tallies, questions and reviews of a room of 1,000 were the largest
 * cost of a reconnect storm: socket.io serialised and walked them again for each connection
 * (bench/, scenario 3). Bytes travel as a binary attachment, as they are; uncompressed, so
 * reading them is synchronous and no event overtakes the welcome.
 */
export type WelcomeWire = Omit<Welcome, keyof WelcomeCommon> & { common: Uint8Array | ArrayBuffer };

/** The welcome a screen works with, from the one received. */
export function decodeWelcome(wire: WelcomeWire): Welcome {
  const { common, ...own } = wire;
  return { ...own, ...(JSON.parse(new TextDecoder().decode(common)) as WelcomeCommon) };
}

/** `revoked`: the key this connection opened with was revoked or replaced. */
export type EndReason = 'removed' | 'deleted' | 'revoked';

export interface ServerToClient {
  /** Sent once per connection, first: everything a screen needs to draw. */
  welcome: (w: WelcomeWire) => void;
  /** The workshop's title, agenda, current activity or timer changed. */
  session: (s: SessionView) => void;
  /** Roster changes, merged: at most a few per second per workshop (see RosterPatch). */
  roster: (patch: RosterPatch) => void;
  /** Poll definitions or states changed (never sent per vote). */
  polls: (polls: PollView[]) => void;
  /** A poll's tally; merged, a few per second per poll at most. */
  'poll.results': (results: PollResults) => void;
  /** Projector: how many have answered a poll whose results it does not show; merged too. */
  'poll.count': (count: PollCount) => void;
  questions: (questions: QuestionView[]) => void;
  /** Facilitator only: group documents changed or someone came or went (the changed ones,
   *  merged: a few messages a second per workshop). */
  progress: (p: ArtifactProgress[]) => void;
  /** Check-ins or commitments changed: what this connection may see of them. */
  followup: (f: FollowUpView) => void;
  /** Peer-review rounds changed (a rating, a state, a reveal). */
  reviews: (reviews: ReviewRoundView[]) => void;
  /** To one participant: their ratings and their group's, after one of them changed. */
  'review.mine': (ratings: MyRating[]) => void;
  /** The facilitation team changed (who is in, who is online, who did what). Team only. */
  team: (team: TeamView) => void;
  /** This connection is over for good: its participant was removed or the workshop deleted. */
  ended: (reason: EndReason) => void;
}

type CommandEvents = {
  [K in CommandName]: (
    payload: CommandPayload<K>,
    ack: (res: Ack<CommandResult<K>>) => void,
  ) => void;
};

export interface ClientToServer extends CommandEvents {
  /** Clock sync: the server acks with its current time (ms since epoch). */
  'clock.sync': (ack: (serverNow: number) => void) => void;
}

/** Per-socket data the server establishes at the handshake. */
export interface SocketData {
  workshopId: string;
  role: Role;
  participantId: string | null;
  /** A team member's id (null for the owner, participants and screens). */
  memberId?: string | null;
  /** Hash of the key a team member or screen connected with (see `credentialCurrent`). */
  keyHash?: string | null;
  /**
   * A participant's ballot seed: a hash of their secret token, kept in memory only, from which
   * anonymous ballot keys are derived. Never stored, so stored ballots are unlinkable.
   */
  ballotSeed: string | null;
}

/** REST responses. */
export interface CreatedWorkshop {
  id: string;
  joinCode: string;
  facilitatorKey: string;
  screenKey: string;
  facilitatorUrl: string;
  joinUrl: string;
  screenUrl: string;
}

/** What `POST /api/workshops/import` answers: the new workshop, its links and new tokens. */
export interface ImportedWorkshop extends CreatedWorkshop {
  /** Each participant's new personal link (their old token no longer works). */
  participants: Array<{ participantId: string; name: string; token: string; url: string }>;
  /** What the restore changed, for the facilitator to read. */
  notes: RestoreNote[];
}

/** An address participants can reach the server at, and the interface it belongs to. */
export interface JoinOrigin {
  origin: string;
  label: string;
}

/** `GET /api/workshops/:id/join-origins`: `fixed` when PUBLIC_ORIGIN decides alone. */
export interface JoinOrigins {
  fixed: boolean;
  origins: JoinOrigin[];
}

/** GET /api/join/<code>: the workshop a join code opens, and how it names countries. */
export interface JoinLookup {
  workshopId: string;
  title: string;
  countryNames: CountryNameStyle;
}

/** A way in (create, look up a join code, join): its value or why not (429: when to retry). */
export type EntryOutcome<T> = { ok: true; value: T } | (Failure & { retryAfterMs?: number });

/**
 * What the server hands the web app's form actions (on adapter-node's `platform.req.plenary`):
 * the REST API's ways in, for the request being answered (its address counts for rate limits).
 */
export interface EntryServices {
  create(body: unknown): Promise<EntryOutcome<CreatedWorkshop>>;
  lookup(code: string): Promise<EntryOutcome<JoinLookup>>;
  join(body: unknown): Promise<EntryOutcome<Joined>>;
  /** A backup file's bytes (the restore form's upload), restored as a new workshop. */
  restore(backup: Uint8Array): Promise<EntryOutcome<ImportedWorkshop>>;
}

export interface Joined {
  workshopId: string;
  participantId: string;
  token: string;
}

export interface ApiError {
  error: { code: Failure['code']; message: string; field?: string };
}
