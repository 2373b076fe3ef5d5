import type { Server } from 'socket.io';
import {
  myRatings,
  followUpFor,
  hasFollowUpEntries,
  participantView,
  pollDefinitionChanged,
  pollsFor,
  questionsFor,
  ratingsAudience,
  reviewsFor,
  reviewsOf,
  sessionChanged,
  sessionView,
  tallyPoll,
  type ArtifactProgress,
  type ClientToServer,
  type Participant,
  type ServerToClient,
  type SocketData,
  type Workshop,
} from '@plenary/shared';
import type { Presence } from './presence.js';

type IO = Server<ClientToServer, ServerToClient, Record<string, never>, SocketData>;

export const rooms = {
  /** Everyone in a workshop. */
  all: (w: string) => `w:${w}`,
  facilitators: (w: string) => `w:${w}:f`,
  /** Participants and projector screens: they see drafts never, results only when revealed. */
  audience: (w: string) => `w:${w}:a`,
  participant: (w: string, p: string) => `p:${w}:${p}`,
};

/**
 * How often, at most, one poll's tally is broadcast (25 times a second). Votes in between are
 * merged. At 200 ms a vote waited 100 ms for its tally on average and up to 200 ms, which missed
 * the goals of issue #8 (p99 <= 25 ms at 20 votes/s, p50 <= 30 ms in a burst); 40 ms keeps a
 * burst of 1,000 voters to 25 broadcasts a second instead of one per vote (bench/, scenario 1).
 */
export const RESULTS_INTERVAL_MS = 40;

/**
 * Turns a state change into the events screens need: the session view, roster deltas, poll
 * definitions, merged poll tallies, questions. Knows rooms, not sockets.
 */
export class Broadcaster {
  private readonly pending = new Map<
    string,
    { timer: NodeJS.Timeout | null; last: number; latest: Workshop }
  >();

  constructor(
    private readonly io: IO,
    private readonly presence: Presence,
    private readonly now: () => number,
    private readonly onRemoved: (workshopId: string, participantId: string) => void = () => {},
  ) {}

  upsert(workshopId: string, p: Participant): void {
    this.io
      .to(rooms.all(workshopId))
      .emit('roster.upsert', participantView(p, this.presence.of(workshopId, p.id)));
  }

  changed(before: Workshop, after: Workshop): void {
    if (before === after) return;
    const id = after.id;
    if (sessionChanged(before, after))
      this.io.to(rooms.all(id)).emit('session', sessionView(after));
    if (before.participants !== after.participants) this.roster(before, after);
    if (before.polls !== after.polls) this.polls(before, after);
    if (before.questions !== after.questions) {
      this.io.to(rooms.facilitators(id)).emit('questions', questionsFor(after, true));
      this.io.to(rooms.audience(id)).emit('questions', questionsFor(after, false));
    }
    this.followUp(before, after);
    this.reviews(before, after);
  }

  /**
   * Peer review: the facilitator gets every change (results and progress); participants and the
   * projector only what their view shows; each affected participant their own ratings.
   */
  private reviews(before: Workshop, after: Workshop): void {
    const reviews = before.reviews !== after.reviews;
    const people =
      before.groups !== after.groups ||
      before.participants !== after.participants ||
      before.artifacts !== after.artifacts;
    if (!reviews && !(people && reviewsOf(after).length > 0)) return;
    const id = after.id;
    this.io.to(rooms.facilitators(id)).emit('reviews', reviewsFor(after, true));
    const audience = reviewsFor(after, false);
    if (JSON.stringify(reviewsFor(before, false)) !== JSON.stringify(audience))
      this.io.to(rooms.audience(id)).emit('reviews', audience);
    for (const participantId of ratingsAudience(before, after))
      if (after.participants.some((p) => p.id === participantId))
        this.io
          .to(rooms.participant(id, participantId))
          .emit('review.mine', myRatings(after, participantId));
  }

  /**
   * Check-ins and commitments: the facilitator gets every change; a participant only a change
   * of what they see (their group's answers, their own commitment).
   */
  private followUp(before: Workshop, after: Workshop): void {
    const people = before.groups !== after.groups || before.participants !== after.participants;
    if (before.followUp === after.followUp && !(people && hasFollowUpEntries(after))) return;
    const id = after.id;
    this.io.to(rooms.facilitators(id)).emit('followup', followUpFor(after, 'facilitator', null));
    for (const p of after.participants) {
      const view = followUpFor(after, 'participant', p.id);
      if (JSON.stringify(followUpFor(before, 'participant', p.id)) !== JSON.stringify(view))
        this.io.to(rooms.participant(id, p.id)).emit('followup', view);
    }
  }

  private roster(before: Workshop, after: Workshop): void {
    const old = new Map(before.participants.map((p) => [p.id, p]));
    for (const p of after.participants) {
      if (old.get(p.id) !== p) this.upsert(after.id, p);
      old.delete(p.id);
    }
    for (const removedId of old.keys()) {
      this.presence.forget(after.id, removedId);
      this.io.to(rooms.all(after.id)).emit('roster.remove', removedId);
      const theirs = this.io.to(rooms.participant(after.id, removedId));
      theirs.emit('ended', 'removed');
      theirs.disconnectSockets(true);
      this.onRemoved(after.id, removedId);
    }
  }

  private polls(before: Workshop, after: Workshop): void {
    const old = new Map(before.polls.map((p) => [p.id, p]));
    let definitions = before.polls.length !== after.polls.length;
    for (const p of after.polls) {
      const prev = old.get(p.id);
      if (!prev) {
        definitions = true;
        continue;
      }
      if (prev === p) continue;
      if (pollDefinitionChanged(prev, p)) {
        definitions = true;
        // Revealing, or a change of what counts as correct, shows results at once.
        this.sendResults(after, p.id);
      } else if (prev.ballots !== p.ballots) {
        this.scheduleResults(after, p.id);
      }
    }
    if (definitions) {
      this.io.to(rooms.facilitators(after.id)).emit('polls', pollsFor(after, true));
      this.io.to(rooms.audience(after.id)).emit('polls', pollsFor(after, false));
    }
  }

  /** Leading edge at once, then at most one broadcast per interval with the latest tally. */
  private scheduleResults(w: Workshop, pollId: string): void {
    const key = `${w.id}/${pollId}`;
    const entry = this.pending.get(key) ?? { timer: null, last: -Infinity, latest: w };
    this.pending.set(key, entry);
    entry.latest = w;
    if (entry.timer) return;
    const now = this.now();
    const wait = entry.last + RESULTS_INTERVAL_MS - now;
    if (wait <= 0) {
      entry.last = now;
      this.sendResults(w, pollId);
      return;
    }
    entry.timer = setTimeout(() => {
      entry.timer = null;
      entry.last = this.now();
      this.sendResults(entry.latest, pollId);
    }, wait);
    // A pending broadcast must not keep a stopping process alive.
    entry.timer.unref();
  }

  sendResults(w: Workshop, pollId: string): void {
    const poll = w.polls.find((p) => p.id === pollId);
    if (!poll) return;
    this.io.to(rooms.facilitators(w.id)).emit('poll.results', tallyPoll(poll, true));
    if (poll.revealed && poll.state !== 'draft')
      this.io.to(rooms.audience(w.id)).emit('poll.results', tallyPoll(poll, true));
  }

  progress(workshopId: string, progress: ArtifactProgress): void {
    this.io.to(rooms.facilitators(workshopId)).emit('progress', progress);
  }

  ended(workshopId: string): void {
    this.presence.forget(workshopId);
    for (const [key, entry] of this.pending) {
      if (!key.startsWith(`${workshopId}/`)) continue;
      if (entry.timer) clearTimeout(entry.timer);
      this.pending.delete(key);
    }
    const room = this.io.to(rooms.all(workshopId));
    room.emit('ended', 'deleted');
    room.disconnectSockets(true);
  }
}
