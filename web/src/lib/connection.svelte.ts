import {
  EMPTY_FOLLOW_UP,
  applyRosterPatch,
  isParticipantView,
  decodeWelcome,
  clockSample,
  tighter,
  type ClockSample,
  welcomeRoster,
  PROTOCOL_VERSION,
  RECONNECTION,
  type ArtifactProgress,
  type FollowUpView,
  type MyAnswers,
  type PollResults,
  type PollView,
  type QuestionView,
  type ClientToServer,
  type Credential,
  type EndReason,
  type HandshakeAuth,
  type MyRating,
  type ParticipantView,
  type RosterEntry,
  type ReviewRoundView,
  type Role,
  type TeamView,
  type ServerToClient,
  type SessionView,
} from '@plenary/shared';
import { CommandSender } from './commands.js';
import { LiveSocket } from './live-socket.js';

export type ConnectionStatus = 'connecting' | 'connected' | 'reconnecting' | 'ended';

/** Why the server refused the handshake (sent as JSON in the connect_error message). */
export interface Refusal {
  code: 'unauthorized' | 'forbidden' | 'not_found' | 'protocol_mismatch' | 'unknown';
  message: string;
}

const CLOCK_SAMPLES = 5;

function parseRefusal(message: string): Refusal {
  try {
    const parsed = JSON.parse(message) as Partial<Refusal>;
    if (typeof parsed.code === 'string' && typeof parsed.message === 'string') {
      return parsed as Refusal;
    }
  } catch {
    // Not JSON: a transport error rather than a refusal.
  }
  return { code: 'unknown', message };
}

/**
 * One live connection to a workshop. Holds the server's snapshots (session, roster) as raw
 * state, replaced on every event, plus the connection status and the server clock offset.
 */
export class Connection {
  session = $state.raw<SessionView | null>(null);
  /** Whole profiles for the facilitator; entries for others, with one's own profile whole. */
  roster = $state.raw<RosterEntry[]>([]);
  status = $state.raw<ConnectionStatus>('connecting');
  role = $state.raw<Role | null>(null);
  /** A co-facilitator's or moderator's id in the team (null: the owner, or not in the team). */
  memberId = $state.raw<string | null>(null);
  /** The facilitation team, for its members' consoles. */
  team = $state.raw<TeamView | null>(null);
  participantId = $state.raw<string | null>(null);
  endedReason = $state.raw<EndReason | null>(null);
  refusal = $state.raw<Refusal | null>(null);
  /** Polls this connection may see (drafts only for the facilitator). */
  polls = $state.raw<PollView[]>([]);
  /** Latest tally per poll id: all for the facilitator, for others the shown or answered ones. */
  results = $state.raw<Record<string, PollResults>>({});
  /** Projector: how many have answered each poll whose results it does not show. */
  counts = $state.raw<Record<string, number>>({});
  questions = $state.raw<QuestionView[]>([]);
  /** A participant's own answers by poll id, as the server acknowledged them. */
  myAnswers = $state.raw<MyAnswers>({});
  myUpvotes = $state.raw<string[]>([]);
  /** Facilitator: progress of each group document, by artifact id. */
  progress = $state.raw<Record<string, ArtifactProgress>>({});
  /** Check-ins and commitments: all for the facilitator, a participant's own and their group's. */
  followUp = $state.raw<FollowUpView>(EMPTY_FOLLOW_UP);
  /** Peer-review rounds (with results for the facilitator, or once revealed). */
  reviews = $state.raw<ReviewRoundView[]>([]);
  /** A participant's ratings, and their group's, as the server stored them. */
  myRatings = $state.raw<MyRating[]>([]);
  /** serverNow - Date.now(), from the best of several round trips (see clock-sync.ts). */
  offsetMs = $state.raw(0);
  #clock: ClockSample | null = null;
  /** When this socket last opened: the welcome's server time was read after it. */
  #openedAt = 0;

  me = $derived.by((): ParticipantView | null => {
    const mine = this.roster.find((p) => p.id === this.participantId);
    return mine && isParticipantView(mine) ? mine : null;
  });

  readonly workshopId: string;
  readonly commands: CommandSender;
  readonly #socket: LiveSocket<ServerToClient, ClientToServer>;
  #closed = false;

  constructor(workshopId: string, credential: Credential) {
    this.workshopId = workshopId;
    const auth: HandshakeAuth = { protocol: PROTOCOL_VERSION, workshopId, credential };
    // WebSocket only (co-editing needs it anyway): no long-polling handshake to route to the
    // same process, so several server processes need no sticky sessions.
    this.#socket = new LiveSocket({
      auth,
      ...RECONNECTION,
      onOpen: () => (this.#openedAt = Date.now()),
    });
    this.commands = new CommandSender(this.#socket, workshopId, credential.kind);
    this.#listen();
  }

  connect(): void {
    this.#closed = false;
    this.#socket.connect();
  }

  close(): void {
    this.#closed = true;
    this.#socket.disconnect();
  }

  /** The server's clock, now (ms since epoch). */
  serverNow(): number {
    return Date.now() + this.offsetMs;
  }

  /** The server's date, YYYY-MM-DD (UTC), as check-ins are dated and counted due. */
  serverToday(): string {
    // eslint-disable-next-line svelte/prefer-svelte-reactivity -- formatted at once, never kept
    return new Date(this.serverNow()).toISOString().slice(0, 10);
  }

  /** Roster changes in the order they came: a welcome's roster is inflated asynchronously. */
  #rosterChain: Promise<void> = Promise.resolve();
  #updateRoster(next: (r: RosterEntry[]) => RosterEntry[] | Promise<RosterEntry[]>): void {
    this.#rosterChain = this.#rosterChain
      .then(async () => {
        this.roster = await next(this.roster);
      })
      .catch((error: unknown) => console.error('[plenary] roster update failed', error));
  }

  #listen(): void {
    const s = this.#socket;
    s.on('welcome', (wire) => {
      const w = decodeWelcome(wire);
      this.role = w.role;
      this.memberId = w.memberId ?? null;
      this.participantId = w.participantId;
      this.session = w.session;
      const roster = welcomeRoster(w);
      this.#updateRoster(() => roster);
      this.polls = w.polls;
      this.results = Object.fromEntries(
        [...w.results, ...(w.myResults ?? [])].map((r) => [r.pollId, r]),
      );
      this.counts = Object.fromEntries((w.counts ?? []).map((c) => [c.pollId, c.voters]));
      this.questions = w.questions;
      this.myAnswers = w.myAnswers;
      this.myUpvotes = w.myUpvotes;
      this.progress = Object.fromEntries(w.progress.map((p) => [p.artifactId, p]));
      this.followUp = w.followUp ?? EMPTY_FOLLOW_UP;
      this.reviews = w.reviews;
      this.myRatings = w.myRatings;
      this.refusal = null;
      this.status = 'connected';
      // The handshake is a first round trip: the welcome's time was read after the socket opened.
      // Measured afresh after each reconnect (a laptop that slept may have had its clock set).
      this.#clock = null;
      this.#useClockSample(clockSample(this.#openedAt || Date.now(), w.serverNow, Date.now()));
      void this.#syncClock();
      this.commands.flush();
    });
    s.on('session', (session) => {
      this.session = session;
    });
    s.on('roster', (patch) => {
      this.#updateRoster((r) => applyRosterPatch(r, patch));
    });
    s.on('polls', (polls) => {
      this.polls = polls;
    });
    s.on('poll.results', (r) => {
      this.results = { ...this.results, [r.pollId]: r };
    });
    s.on('poll.count', (c) => {
      this.counts = { ...this.counts, [c.pollId]: c.voters };
    });
    s.on('team', (t) => {
      this.team = t;
    });
    s.on('questions', (q) => {
      this.questions = q;
    });
    s.on('followup', (f) => {
      this.followUp = f;
    });
    s.on('progress', (changed) => {
      this.progress = {
        ...this.progress,
        ...Object.fromEntries(changed.map((p) => [p.artifactId, p])),
      };
    });
    s.on('reviews', (r) => {
      this.reviews = r;
    });
    s.on('review.mine', (r) => {
      this.myRatings = r;
    });
    s.on('ended', (reason) => {
      this.endedReason = reason;
      this.status = 'ended';
      this.close();
    });
    s.on('connect_error', (err) => {
      if (s.active) {
        // A transport problem: socket.io keeps retrying by itself.
        if (this.status === 'connected') this.status = 'reconnecting';
        return;
      }
      this.refusal = parseRefusal(err.message);
      this.status = 'ended';
    });
    s.on('disconnect', (reason) => {
      if (this.#closed || this.status === 'ended') return;
      this.status = 'reconnecting';
      // After a server-side disconnect socket.io does not retry by itself; ask again shortly.
      if (reason === 'io server disconnect') {
        setTimeout(() => {
          if (!this.#closed && this.status !== 'ended') s.connect();
        }, 1000);
      }
    });
  }

  #useClockSample(sample: ClockSample): void {
    this.#clock = tighter(this.#clock, sample);
    this.offsetMs = this.#clock.offsetMs;
  }

  /** A few more round trips; the one with the smallest delay bounds the offset best. */
  async #syncClock(): Promise<void> {
    for (let i = 0; i < CLOCK_SAMPLES; i++) {
      if (!this.#socket.connected) return;
      const t0 = Date.now();
      let serverNow: number;
      try {
        serverNow = await this.#socket.timeout(5000).emitWithAck('clock.sync');
      } catch {
        return;
      }
      this.#useClockSample(clockSample(t0, serverNow, Date.now()));
    }
  }
}
