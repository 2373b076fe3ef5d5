import type { Server as HttpServer } from 'node:http';
import { Server, type Socket } from 'socket.io';
import { z } from 'zod';
import {
  CommandId,
  CommandInputs,
  PROTOCOL_VERSION,
  describeZodError,
  participantView,
  sessionChanged,
  sessionView,
  type Ack,
  type ClientToServer,
  type CommandName,
  type ErrorCode,
  type Participant,
  type ServerToClient,
  type SocketData,
  type Workshop,
} from '@plenary/shared';
import type { Workshops } from '../workshops.js';
import type { Presence } from './presence.js';
import { isAllowedOrigin } from './origin.js';

type IO = Server<ClientToServer, ServerToClient, Record<string, never>, SocketData>;
type PlenarySocket = Socket<ClientToServer, ServerToClient, Record<string, never>, SocketData>;

export interface RealtimeDeps {
  workshops: Workshops;
  presence: Presence;
  allowedOrigins: readonly string[];
  now?: () => number;
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

const workshopRoom = (id: string) => `w:${id}`;
const participantRoom = (workshopId: string, participantId: string) => `p:${workshopId}:${participantId}`;

export function attachRealtime(httpServer: HttpServer, deps: RealtimeDeps): { io: IO; ended: (workshopId: string) => void } {
  const { workshops, presence } = deps;
  const now = deps.now ?? Date.now;
  const io: IO = new Server(httpServer, {
    maxHttpBufferSize: 1_000_000,
    serveClient: false,
    allowRequest: (req, callback) => callback(null, isAllowedOrigin(req, deps.allowedOrigins)),
  });

  const upsert = (workshopId: string, p: Participant) =>
    io.to(workshopRoom(workshopId)).emit('roster.upsert', participantView(p, presence.of(workshopId, p.id)));

  presence.onChange = (workshopId, participant) => {
    if (typeof participant !== 'string') upsert(workshopId, participant);
  };

  io.use(async (socket, next) => {
    const parsed = HandshakeSchema.safeParse(socket.handshake.auth);
    if (!parsed.success) return next(refusal('unauthorized', 'Sign in again: the connection carried no valid credential'));
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
    socket.data = {
      workshopId,
      role: actor.role,
      participantId: actor.role === 'participant' ? actor.participantId : null,
    };
    next();
  });

  io.on('connection', async (socket) => {
    const { workshopId, participantId } = socket.data;
    await socket.join(workshopRoom(workshopId));
    if (participantId) await socket.join(participantRoom(workshopId, participantId));

    const record = await workshops.get(workshopId);
    if (!record || !socket.connected) return void socket.disconnect(true);
    let cameOnline = false;
    if (participantId) cameOnline = presence.connected(workshopId, participantId);
    socket.emit('welcome', {
      role: socket.data.role,
      participantId,
      session: sessionView(record.workshop),
      roster: record.workshop.participants.map((p) => participantView(p, presence.of(workshopId, p.id))),
      serverNow: now(),
    });
    const me = participantId && record.workshop.participants.find((p) => p.id === participantId);
    if (cameOnline && me) upsert(workshopId, me);

    socket.on('disconnect', async () => {
      if (!participantId || !presence.disconnected(workshopId, participantId)) return;
      const current = await workshops.get(workshopId);
      const p = current?.workshop.participants.find((x) => x.id === participantId);
      if (p) upsert(workshopId, p);
    });

    socket.on('clock.sync', (ack) => {
      if (typeof ack === 'function') ack(now());
    });

    for (const name of Object.keys(CommandInputs) as CommandName[]) {
      socket.on(name, (payload: unknown, ack: unknown) => {
        if (typeof ack !== 'function') return; // every command is acknowledged; one without is not ours
        void handleCommand(socket, name, payload).then(
          (res) => (ack as (r: Ack<object>) => void)(res),
          (error: unknown) => {
            console.error(`[socket] command ${name} failed in workshop ${workshopId}`, error);
            (ack as (r: Ack<object>) => void)({ ok: false, code: 'internal', message: 'Something went wrong on the server; try again' });
          },
        );
      });
    }
  });

  /**
   * The one command handler: authorize (the handshake did), parse, apply the domain, persist
   * (inside `workshops.run`), broadcast, ack.
   */
  async function handleCommand(socket: PlenarySocket, name: CommandName, payload: unknown): Promise<Ack<object>> {
    const { workshopId, role, participantId } = socket.data;
    const envelope = z.object({ cmdId: CommandId }).safeParse(payload);
    if (!envelope.success) return { ok: false, code: 'bad_request', ...describeZodError(envelope.error) };
    const input = CommandInputs[name].safeParse(payload);
    if (!input.success) return { ok: false, code: 'bad_request', ...describeZodError(input.error) };
    const actor =
      role === 'participant' && participantId ? { role, participantId } : role === 'facilitator' ? { role } : { role: 'screen' as const };
    const outcome = await workshops.run(workshopId, actor, name, envelope.data.cmdId, input.data as never);
    if (!outcome) return { ok: false, code: 'not_found', message: 'This workshop no longer exists' };
    const { result, before, after } = outcome;
    if (!result.ok) return result;
    broadcastChanges(before, after);
    return { ok: true, ...(result.value.duplicate && { duplicate: true }), ...result.value.result };
  }

  /** Sends what changed: the session view, and roster deltas by participant. */
  function broadcastChanges(before: Workshop, after: Workshop): void {
    if (before === after) return;
    const room = io.to(workshopRoom(after.id));
    if (sessionChanged(before, after)) room.emit('session', sessionView(after));
    if (before.participants === after.participants) return;
    const old = new Map(before.participants.map((p) => [p.id, p]));
    for (const p of after.participants) {
      if (old.get(p.id) !== p) upsert(after.id, p);
      old.delete(p.id);
    }
    for (const removedId of old.keys()) {
      presence.forget(after.id, removedId);
      room.emit('roster.remove', removedId);
      const theirs = io.to(participantRoom(after.id, removedId));
      theirs.emit('ended', 'removed');
      theirs.disconnectSockets(true);
    }
  }

  function ended(workshopId: string): void {
    presence.forget(workshopId);
    const room = io.to(workshopRoom(workshopId));
    room.emit('ended', 'deleted');
    room.disconnectSockets(true);
  }

  return { io, ended };
}
