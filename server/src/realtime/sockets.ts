import type { Server as HttpServer } from 'node:http';
import { Server, type ServerOptions, type Socket } from 'socket.io';
import { z } from 'zod';
import {
  CommandId,
  CommandInputs,
  credentialCurrent,
  PROTOCOL_VERSION,
  describeZodError,
  followUpFor,
  hasAnswered,
  myAnswer,
  phoneGets,
  myRatings,
  pollsFor,
  questionsFor,
  resultsShown,
  reviewsFor,
  screenGets,
  sessionView,
  type Ack,
  type ClientToServer,
  type CommandName,
  type ErrorCode,
  type MyAnswers,
  type PollResults,
  type ServerToClient,
  type SocketData,
  type Actor,
  type WelcomeCommon,
  type Workshop,
} from '@plenary/shared';
import { ballotKey, ballotSeed, hashSecret, newSecret, splitParticipantToken } from '../secrets.js';
import type { Workshops } from '../workshops.js';
import type { DocsServer } from '../coediting/coediting-server.js';
import type { Limiter } from '../limits.js';
import { Broadcaster, countOf, plainTallyOf, rooms, tallyOf } from './broadcast.js';
import { isAllowedOrigin } from '../origin.js';
import type { Presence } from './presence.js';
import { logError } from '../log.js';
import { dropRevoked, keyRoom, revokedKeys, sendTeam } from './team.js';

type IO = Server<ClientToServer, ServerToClient, Record<string, never>, SocketData>;
type PlenarySocket = Socket<ClientToServer, ServerToClient, Record<string, never>, SocketData>;

export interface RealtimeDeps {
  workshops: Workshops;
  docs: DocsServer;
  presence: Presence;
  limiter: Limiter;
  allowedOrigins: readonly string[];
  /** Whether this server answers a Host header (see http/hosts.ts); any when absent. */
  answersHost?: (host: string | undefined) => boolean;
  now?: () => number;
  onRemoved?: (workshopId: string, participantId: string) => void;
  /** Several processes: socket.io's Redis Streams adapter. */
  adapter?: ServerOptions['adapter'];
}

const HandshakeSchema = z.object({
  protocol: z.number(),
  workshopId: z.string().min(1).max(64),
  credential: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('facilitator'), key: z.string().min(1).max(200) }),
    z.object({ kind: z.literal('screen'), key: z.string().min(1).max(200) }),
    z.object({ kind: z.literal('participant'), token: z.string().min(1).max(300) }),
  ]),
});

/** A handshake refusal: socket.io sends `message` to the client's connect_error. */
function refusal(code: ErrorCode, message: string): Error & { data: { code: ErrorCode } } {
  return Object.assign(new Error(JSON.stringify({ code, message })), { data: { code } });
}

const ballotKeys = (data: SocketData) =>
  data.ballotSeed ? (pollId: string) => ballotKey(data.ballotSeed!, pollId) : undefined;

export function attachRealtime(
  httpServer: HttpServer,
  deps: RealtimeDeps,
): { io: IO; broadcaster: Broadcaster } {
  const { workshops, presence } = deps;
  const now = deps.now ?? Date.now;
  const io: IO = new Server(httpServer, {
    maxHttpBufferSize: 1_000_000,
    serveClient: false,
    // Other upgrades are the dispatcher's (http/upgrades.ts: /yjs/ taken, the rest refused at
    // once), not engine.io's: its destroyUpgrade would end them a second later, /yjs/ ones too.
    destroyUpgrade: false,
    allowRequest: (req, callback) =>
      callback(
        null,
        (deps.answersHost?.(req.headers.host) ?? true) && isAllowedOrigin(req, deps.allowedOrigins),
      ),
    ...(deps.adapter && { adapter: deps.adapter }),
  });
  const broadcaster = new Broadcaster(io, presence, now, deps.onRemoved);

  presence.onChange = (workshopId, participant) => {
    if (typeof participant !== 'string') broadcaster.upsert(workshopId, participant);
  };

  io.use(async (socket, next) => {
    const parsed = HandshakeSchema.safeParse(socket.handshake.auth);
    if (!parsed.success)
      return next(
        refusal('unauthorized', 'Sign in again: the connection carried no valid credential'),
      );
    const { protocol, workshopId, credential } = parsed.data;
    if (protocol !== PROTOCOL_VERSION)
      return next(refusal('protocol_mismatch', 'Plenary was updated: reload the page'));
    const record = await workshops.get(workshopId);
    if (!record) return next(refusal('not_found', 'This workshop no longer exists'));
    const actor = workshops.authenticate(record.workshop, credential);
    if (!actor) {
      return next(
        credential.kind === 'participant'
          ? refusal('unauthorized', 'You are no longer in this workshop: join again with the code')
          : refusal('forbidden', 'That key does not open this workshop'),
      );
    }
    const secret =
      credential.kind === 'participant'
        ? splitParticipantToken(credential.token)?.secret
        : undefined;
    socket.data = {
      workshopId,
      role: actor.role,
      participantId: actor.role === 'participant' ? actor.participantId : null,
      memberId: actor.role === 'facilitator' || actor.role === 'moderator' ? actor.memberId : null,
      keyHash: actor.role === 'participant' ? null : (actor.keyHash ?? null),
      ballotSeed: secret ? ballotSeed(secret) : null,
    };
    next();
  });

  /** Per workshop state: the welcome's common part, encoded once for each kind of screen. */
  type Audience = 'team' | 'screen' | 'participant';
  const commons = new WeakMap<Workshop, Partial<Record<Audience, Buffer>>>();
  function commonOf(w: Workshop, audience: Audience): Buffer {
    let cached = commons.get(w);
    if (!cached) commons.set(w, (cached = {}));
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

  function welcome(socket: PlenarySocket, w: Workshop) {
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
      common: commonOf(w, facilitator ? 'team' : participantId ? 'participant' : 'screen'),
      ...broadcaster.welcomeRoster(w, role, participantId),
      serverNow: now(),
      myAnswers,
      myResults,
      myUpvotes: participantId
        ? w.questions.filter((q) => q.upvoters.includes(participantId)).map((q) => q.id)
        : [],
      progress: facilitator ? deps.docs.progressOf(w.id) : [],
      followUp: followUpFor(w, role, participantId),
      myRatings: participantId ? myRatings(w, participantId) : [],
    });
  }

  io.on('connection', async (socket) => {
    const { workshopId, participantId, role, keyHash } = socket.data;
    const team = role === 'facilitator' || role === 'moderator';
    await socket.join([
      rooms.all(workshopId),
      ...(team
        ? [rooms.facilitators(workshopId)]
        : [
            rooms.audience(workshopId),
            participantId ? rooms.participants(workshopId) : rooms.screens(workshopId),
          ]),
      ...(keyHash ? [keyRoom(workshopId, keyHash)] : []),
    ]);
    if (participantId) await socket.join(rooms.participant(workshopId, participantId));

    const record = await workshops.get(workshopId);
    if (!record || !socket.connected) return void socket.disconnect(true);
    // Its key may have been revoked between the handshake and joining its key's room.
    if (!credentialCurrent(record.workshop, actorOf(socket))) {
      socket.emit('ended', 'revoked');
      return void socket.disconnect(true);
    }
    const cameOnline = participantId ? presence.connected(workshopId, participantId) : false;
    welcome(socket, record.workshop);
    const me = participantId && record.workshop.participants.find((p) => p.id === participantId);
    if (cameOnline && me) broadcaster.upsert(workshopId, me);

    if (team) void sendTeam(io, record.workshop).catch(() => undefined);

    socket.on('disconnect', async () => {
      if (team) {
        const current = await workshops.get(workshopId);
        if (current) void sendTeam(io, current.workshop).catch(() => undefined);
        return;
      }
      if (!participantId || !presence.disconnected(workshopId, participantId)) return;
      const current = await workshops.get(workshopId);
      const p = current?.workshop.participants.find((x) => x.id === participantId);
      if (p) broadcaster.upsert(workshopId, p);
    });

    socket.on('clock.sync', (ack) => {
      if (typeof ack === 'function') ack(now());
    });

    // Every incoming event, known or not, counts against the connection's rate limit. Commands
    // are dispatched here too, by one function for all of them: a listener per command and
    // socket (some 50 closures each) made up half the heap of an idle participant (bench/).
    socket.use((packet, next) => {
      void deps.limiter.event(socket.id).then((verdict) => {
        if (verdict === 'ok') {
          const [name, payload, ack] = packet;
          if (typeof name !== 'string' || !Object.hasOwn(CommandInputs, name)) return next();
          // Every command is acknowledged; one without an ack is not ours. As socket.io does
          // for listeners, a packet that arrived just before a disconnection is dropped.
          if (typeof ack === 'function' && socket.connected)
            runCommand(socket, name as CommandName, payload, ack);
          return;
        }
        const ack = packet.at(-1);
        if (typeof ack === 'function') {
          (ack as (r: Ack<object>) => void)({
            ok: false,
            code: 'rate_limited',
            message: 'Too many actions at once: wait a moment and try again',
          });
        }
        if (verdict === 'disconnect') socket.disconnect(true);
      });
    });
  });

  /** Connections whose own command replaced their key: they end once it is acknowledged. */
  const endAfterAck = new WeakSet<PlenarySocket>();

  function runCommand(socket: PlenarySocket, name: CommandName, payload: unknown, ack: unknown) {
    const reply = ack as (r: Ack<object>) => void;
    handleCommand(socket, name, payload).then(
      (r) => {
        reply(r);
        // Its own key replaced (the owner's new key is in this ack): end it after the answer.
        if (endAfterAck.delete(socket)) {
          socket.emit('ended', 'revoked');
          socket.disconnect(true);
        }
      },
      (error: unknown) => {
        logError(`[socket] command ${name} failed in workshop ${socket.data.workshopId}`, error);
        reply({
          ok: false,
          code: 'internal',
          message: 'Something went wrong on the server; try again',
        });
      },
    );
  }

  /**
   * The one command handler: authorize (the handshake did), parse, apply the domain, persist
   * (inside `workshops.run`), broadcast, ack.
   */
  async function handleCommand(
    socket: PlenarySocket,
    name: CommandName,
    payload: unknown,
  ): Promise<Ack<object>> {
    const { workshopId } = socket.data;
    const envelope = z.object({ cmdId: CommandId }).safeParse(payload);
    if (!envelope.success)
      return { ok: false, code: 'bad_request', ...describeZodError(envelope.error) };
    const input = CommandInputs[name].safeParse(payload);
    if (!input.success) return { ok: false, code: 'bad_request', ...describeZodError(input.error) };
    const actor = actorOf(socket);
    // A key made by this command (an invitation, a replaced key): its hash is stored, the key
    // itself goes back in the acknowledgement only.
    let issued: string | undefined;
    const issueKey = () => hashSecret((issued = newSecret()));
    // A vote changes only its poll's tally, which is merged over 40 ms anyway: it goes to the
    // screens as soon as it applies, not after the disk (the voter's acknowledgement still
    // waits for it). In a burst of 1,000 votes a tally waited for a whole-file write and its
    // fsync first (bench/, scenario 1). A vote lost in a crash before its write was never
    // acknowledged, so its client sends it again, and every screen is welcomed afresh.
    const early = name === 'vote.cast';
    const outcome = await workshops.run(
      workshopId,
      actor,
      name,
      envelope.data.cmdId,
      input.data as never,
      ballotKeys(socket.data),
      (b, a) => {
        broadcaster.applied(a);
        if (early) broadcaster.changed(b, a);
      },
      issueKey,
    );
    if (!outcome)
      return { ok: false, code: 'not_found', message: 'This workshop no longer exists' };
    const { result, before, after } = outcome;
    if (!result.ok) return result;
    if (!early) {
      const revoked = revokedKeys(before, after);
      if (socket.data.keyHash && revoked.includes(socket.data.keyHash)) endAfterAck.add(socket);
      dropRevoked(io, workshopId, revoked, socket.id);
      await deps.docs.reconcile(before, after);
      broadcaster.changed(before, after);
      if (before.team !== after.team) await sendTeam(io, after);
    }
    return {
      ok: true,
      ...(result.value.duplicate && { duplicate: true }),
      ...result.value.result,
      ...(issued && !result.value.duplicate && { key: issued }),
    };
  }

  return { io, broadcaster };
}

/** The actor a connection authenticated as, from what its handshake established. */
function actorOf(socket: PlenarySocket): Actor {
  const { role, participantId, memberId, keyHash } = socket.data;
  const key = keyHash ? { keyHash } : {};
  if (role === 'participant') return { role, participantId: participantId ?? '' };
  if (role === 'moderator') return { role, memberId: memberId ?? '', ...key };
  if (role === 'facilitator') return { role, ...(memberId && { memberId }), ...key };
  return { role: 'screen', ...key };
}
