import {
  followUpFor,
  hasAnswered,
  myAnswer,
  myRatings,
  phoneGets,
  pollsFor,
  questionsFor,
  resultsShown,
  reviewsFor,
  screenGets,
  sessionView,
  type ArtifactProgress,
  type MyAnswers,
  type PollResults,
  type WelcomeCommon,
  type Workshop,
} from '@plenary/shared';
import type { Broadcaster } from './broadcast.js';
import { countOf, plainTallyOf, rooms, tallyOf } from './broadcast-policy.js';
import { ballotKeys, type PlenarySocket } from './socket-types.js';

type Audience = 'team' | 'screen' | 'participant';

export interface WelcomeDeps {
  broadcaster: Broadcaster;
  now: () => number;
  /** The console's progress of a workshop's documents. */
  progressOf: (workshopId: string) => ArtifactProgress[];
}

/** The 'welcome' a connection gets once it has joined its rooms. */
export class Welcome {
  private readonly commons = new WeakMap<Workshop, Partial<Record<Audience, Buffer>>>();

  constructor(private readonly deps: WelcomeDeps) {}

  /** The welcome's common part, encoded once per workshop state and kind of screen. */
  private commonOf(w: Workshop, audience: Audience): Buffer {
    let cached = this.commons.get(w);
    if (!cached) this.commons.set(w, (cached = {}));
    const team = audience === 'team';
    const live = w.polls.filter((p) => team || p.state !== 'draft');
    return (cached[audience] ??= Buffer.from(
      JSON.stringify({
        session: sessionView(w),
        polls: pollsFor(w, team),
        results: live
          .filter(
            (p) =>
              team || (audience === 'screen' ? screenGets(p) === 'tally' : resultsShown(p).phones),
          )
          .map(tallyOf),
        counts:
          audience === 'screen' ? live.filter((p) => screenGets(p) === 'count').map(countOf) : [],
        questions: questionsFor(w, team),
        reviews: reviewsFor(w, team),
      } satisfies WelcomeCommon),
    ));
  }

  /** Everything a connection needs to draw its screen, as of this workshop state. */
  send(socket: PlenarySocket, w: Workshop): void {
    const { role, participantId } = socket.data;
    // A moderator sees what the facilitator sees; the command table limits what they do.
    const facilitator = role === 'facilitator' || role === 'moderator';
    const keys = ballotKeys(socket.data);
    const myAnswers: MyAnswers = {};
    const myResults: PollResults[] = [];
    if (participantId) {
      for (const poll of w.polls) {
        const answer = myAnswer(poll, participantId, { ...(keys && { ballotKeyFor: keys }) });
        if (answer) myAnswers[poll.id] = answer;
        if (poll.state !== 'draft' && hasAnswered(poll, participantId))
          void socket.join(rooms.answered(w.id, poll.id));
        if (phoneGets(poll, participantId) === 'own') myResults.push(plainTallyOf(poll));
      }
    }
    socket.emit('welcome', {
      role,
      participantId,
      memberId: socket.data.memberId ?? null,
      common: this.commonOf(w, facilitator ? 'team' : participantId ? 'participant' : 'screen'),
      ...this.deps.broadcaster.welcomeRoster(w, role, participantId),
      serverNow: this.deps.now(),
      myAnswers,
      myResults,
      myUpvotes: participantId
        ? w.questions.filter((q) => q.upvoters.includes(participantId)).map((q) => q.id)
        : [],
      progress: facilitator ? this.deps.progressOf(w.id) : [],
      followUp: followUpFor(w, role, participantId),
      myRatings: participantId ? myRatings(w, participantId) : [],
    });
  }
}
