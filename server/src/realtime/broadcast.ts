import { deflateRawSync } from 'node:zlib';
import type { Server } from 'socket.io';
import {
  myRatings,
  followUpFor,
  hasFollowUpEntries,
  participantView,
  RosterChanges,
  rosterEntry,
  pollDefinitionChanged,
  pollsFor,
  questionsFor,
  ratingsAudience,
  reviewsFor,
  reviewsOf,
  sessionChanged,
  sessionView,
  type ArtifactProgress,
  type ClientToServer,
  type Participant,
  newVoters,
  resultsShown,
  screenGets,
  type Role,
  type RosterJson,
  type ServerToClient,
  type SocketData,
  type Welcome,
  type Workshop,
} from '@plenary/shared';
import type { Presence } from './presence.js';
import type { AppliedChange } from '../workshops.js';
import { Throttle } from '../throttle.js';
import { ProgressBatches } from './progress-batch.js';
import {
  rooms,
  RESULTS_INTERVAL_MS,
  ROSTER_INTERVAL_MS,
  audienceRosterInterval,
  tallyOf,
  plainTallyOf,
  countOf,
  broadcastsWhenApplied,
} from './broadcast-policy.js';

type IO = Server<ClientToServer, ServerToClient, Record<string, never>, SocketData>;

interface PendingResults {
  /** The state the last vote produced. */
  latest: Workshop;
  throttle: Throttle;
}

interface RosterBatch {
  changes: RosterChanges<Participant>;
  throttle: Throttle;
}

interface EncodedRoster {
  /** The patch count it was encoded after: a later patch makes it stale. */
  sent: number;
  /** Whole profiles, for the facilitator. */
  full?: RosterJson;
  /** Roster entries, for participants and the projector. */
  public?: RosterJson;
}

/**
 * Turns a state change into the events screens need: the session view, roster deltas, poll
 * definitions, merged poll tallies, questions. Knows rooms, not sockets.
 */
export class Broadcaster {
  /** Per workshop and poll: the throttled tally broadcast. */
  private readonly pending = new Map<string, PendingResults>();
  private readonly progressBatches: ProgressBatches;

  constructor(
    private readonly io: IO,
    private readonly presence: Presence,
    private readonly now: () => number,
    private readonly onRemoved: (workshopId: string, participantId: string) => void = () => {},
  ) {
    this.progressBatches = new ProgressBatches(now, (workshopId, progress) =>
      this.io.to(rooms.facilitators(workshopId)).emit('progress', progress),
    );
  }

  /** Per workshop: changes for the team and each participant's own, and for the audience. */
  private readonly rosterBatches = new Map<string, { team: RosterBatch; audience: RosterBatch }>();
  /** Per workshop: how many participants, as of its last welcome or change. */
  private readonly sizes = new Map<string, number>();
  /** Per workshop, the newest state applied (votes are broadcast before older commands'
   *  changes, which wait for the disk): tallies are always counted from it. */
  private readonly latest = new Map<string, Workshop>();

  /** A command's state became the workshop's (Workshops' `applied` event, before the disk). */
  applied({ name, before, after }: AppliedChange): void {
    this.latest.set(after.id, after);
    if (broadcastsWhenApplied(name)) this.changed(before, after);
  }
  /** Per workshop: how many roster patches were sent, and the roster encoded since the last. */
  private readonly patchesSent = new Map<string, number>();
  private readonly encoded = new Map<string, EncodedRoster>();

  /**
   * What a welcome carries: the roster encoded and compressed once per patch (every welcome
   * until the next patch shares the bytes), then a participant's own whole profile. A connection
   * joins the rooms before its welcome, so a change the encoded roster misses is in the next
   * patch, at most one roster interval later; a change in both is applied twice, which is
   * harmless. The changes waiting for that patch used to ride along too, mapped and encoded for
   * each welcome: hundreds of entries per welcome when 1,000 screens came back at once, which
   * made the welcomes the largest cost of a reconnect storm (bench/, scenario 3).
   */
  welcomeRoster(
    w: Workshop,
    role: Role,
    participantId: string | null,
  ): Pick<Welcome, 'roster' | 'rosterPending'> {
    this.sizes.set(w.id, w.participants.length);
    const sent = this.patchesSent.get(w.id) ?? 0;
    let cached = this.encoded.get(w.id);
    if (!cached || cached.sent !== sent) this.encoded.set(w.id, (cached = { sent }));
    const full = role === 'facilitator';
    const view = full ? participantView : rosterEntry;
    const json = (cached[full ? 'full' : 'public'] ??= deflateRawSync(
      JSON.stringify(w.participants.map((p) => view(p, this.presence.of(w.id, p.id)))),
    ));
    const me = participantId ? w.participants.find((p) => p.id === participantId) : undefined;
    const upsert = me ? [participantView(me, this.presence.of(w.id, me.id))] : [];
    return { roster: json, rosterPending: { upsert, remove: [] } };
  }

  /**
   * A participant joined, changed, came online or went away: on the facilitator's screens and
   * their own within 250 ms, on the others' within audienceRosterInterval.
   */
  upsert(workshopId: string, p: Participant): void {
    for (const batch of this.rosterBatch(workshopId)) {
      batch.changes.upsert(p);
      batch.throttle.request();
    }
  }

  private remove(workshopId: string, participantId: string): void {
    for (const batch of this.rosterBatch(workshopId)) {
      batch.changes.remove(participantId);
      batch.throttle.request();
    }
  }

  private rosterBatch(workshopId: string): [RosterBatch, RosterBatch] {
    let batches = this.rosterBatches.get(workshopId);
    if (!batches) {
      const batch = (audience: boolean, interval: number | (() => number)): RosterBatch => {
        const changes = new RosterChanges<Participant>();
        const send = () => this.sendRoster(workshopId, changes, audience);
        return { changes, throttle: new Throttle(interval, this.now, send) };
      };
      const audience = () => audienceRosterInterval(this.sizes.get(workshopId) ?? 0);
      batches = { team: batch(false, ROSTER_INTERVAL_MS), audience: batch(true, audience) };
      this.rosterBatches.set(workshopId, batches);
    }
    return [batches.team, batches.audience];
  }

  private sendRoster(
    workshopId: string,
    changes: RosterChanges<Participant>,
    audience: boolean,
  ): void {
    const { upsert, remove } = changes.take();
    if (upsert.length === 0 && remove.length === 0) return;
    this.patchesSent.set(workshopId, (this.patchesSent.get(workshopId) ?? 0) + 1);
    this.encoded.delete(workshopId);
    // Presence is read when the patch leaves, so it is the latest, not the queued one. The
    // facilitator gets whole profiles, everyone else roster entries; each participant in the
    // team's patch also gets their own whole profile. A phone merges the shorter entry over the
    // whole profile it has (applyRosterPatch), so the audience's patch needs no second one: that
    // was a write to every returning phone in a reconnect storm (bench/, scenario 3).
    const presence = upsert.map((p) => this.presence.of(workshopId, p.id));
    if (audience)
      this.io.to(rooms.audience(workshopId)).emit('roster', {
        upsert: upsert.map((p, i) => rosterEntry(p, presence[i]!)),
        remove,
      });
    else {
      const views = upsert.map((p, i) => participantView(p, presence[i]!));
      this.io.to(rooms.facilitators(workshopId)).emit('roster', { upsert: views, remove });
      for (const v of views)
        this.io.to(rooms.participant(workshopId, v.id)).emit('roster', { upsert: [v], remove: [] });
    }
  }

  changed(before: Workshop, after: Workshop): void {
    if (before === after) return;
    const id = after.id;
    this.sizes.set(id, after.participants.length);
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
      this.remove(after.id, removedId);
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
      for (const voter of newVoters(prev, p))
        this.io.in(rooms.participant(after.id, voter)).socketsJoin(rooms.answered(after.id, p.id));
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
    let entry = this.pending.get(key);
    if (!entry) {
      const created: PendingResults = {
        latest: w,
        throttle: new Throttle(RESULTS_INTERVAL_MS, this.now, () =>
          this.sendResults(created.latest, pollId),
        ),
      };
      this.pending.set(key, (entry = created));
    }
    entry.latest = w;
    entry.throttle.request();
  }

  sendResults(given: Workshop, pollId: string): void {
    const poll =
      this.latest.get(given.id)?.polls.find((p) => p.id === pollId) ??
      given.polls.find((p) => p.id === pollId);
    if (!poll) return;
    const id = given.id;
    this.io.to(rooms.facilitators(id)).emit('poll.results', tallyOf(poll));
    const screen = screenGets(poll);
    if (screen === 'nothing') return;
    if (screen === 'tally') this.io.to(rooms.screens(id)).emit('poll.results', tallyOf(poll));
    else this.io.to(rooms.screens(id)).emit('poll.count', countOf(poll));
    if (resultsShown(poll).phones)
      this.io.to(rooms.participants(id)).emit('poll.results', tallyOf(poll));
    else this.io.to(rooms.answered(id, poll.id)).emit('poll.results', plainTallyOf(poll));
  }

  /** A document's progress changed: on the console with the others', merged. */
  progress(workshopId: string, progress: ArtifactProgress): void {
    this.progressBatches.add(workshopId, progress);
  }

  ended(workshopId: string): void {
    this.presence.forget(workshopId);
    this.progressBatches.forget(workshopId);
    for (const batch of this.rosterBatches.get(workshopId) ? this.rosterBatch(workshopId) : [])
      batch.throttle.cancel();
    this.rosterBatches.delete(workshopId);
    this.sizes.delete(workshopId);
    this.latest.delete(workshopId);
    this.encoded.delete(workshopId);
    this.patchesSent.delete(workshopId);
    for (const [key, entry] of this.pending) {
      if (!key.startsWith(`${workshopId}/`)) continue;
      entry.throttle.cancel();
      this.pending.delete(key);
    }
    const room = this.io.to(rooms.all(workshopId));
    room.emit('ended', 'deleted');
    room.disconnectSockets(true);
  }
}
