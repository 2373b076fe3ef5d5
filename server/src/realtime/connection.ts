import { CommandInputs, credentialCurrent, type Ack, type CommandName } from '@plenary/shared';
import type { Broadcaster } from './broadcast.js';
import { rooms } from './broadcast-policy.js';
import type { RealtimeDeps } from './sockets.js';
import type { IO, PlenarySocket } from './socket-types.js';
import { keyRoom, sendTeam } from './team.js';
import type { Welcome } from './welcome.js';
import { actorOf, type CommandRunner } from './command-handler.js';

/** What a connection's handlers share: the server, its broadcaster, and how to run a command. */
export interface ConnectionContext {
  io: IO;
  deps: RealtimeDeps;
  broadcaster: Broadcaster;
  welcome: Welcome;
  runCommand: CommandRunner;
}

/**
 * A new connection: joins its rooms, is welcomed (unless its key was revoked meanwhile), is
 * counted online, and gets its handlers.
 */
export async function onConnection(ctx: ConnectionContext, socket: PlenarySocket): Promise<void> {
  const { workshops, presence } = ctx.deps;
  const { workshopId, participantId, role } = socket.data;
  const team = role === 'facilitator' || role === 'moderator';
  await joinRooms(socket);
  const record = await workshops.get(workshopId);
  if (!record || !socket.connected) return void socket.disconnect(true);
  // Its key may have been revoked between the handshake and joining its key's room.
  if (!credentialCurrent(record.workshop, actorOf(socket))) {
    socket.emit('ended', 'revoked');
    return void socket.disconnect(true);
  }
  const cameOnline = participantId ? presence.connected(workshopId, participantId) : false;
  ctx.welcome.send(socket, record.workshop);
  const me = participantId && record.workshop.participants.find((p) => p.id === participantId);
  if (cameOnline && me) ctx.broadcaster.upsert(workshopId, me);

  if (team) void sendTeam(ctx.io, record.workshop).catch(() => undefined);

  socket.on('disconnect', () => void onDisconnect(ctx, socket));
  socket.on('clock.sync', (ack) => {
    if (typeof ack === 'function') ack((ctx.deps.now ?? Date.now)());
  });
  // Every incoming event, known or not, counts against the connection's rate limit. Commands
  // are dispatched here too, by one function for all of them: a listener per command and
  // socket (some 50 closures each) made up half the heap of an idle participant (bench/).
  socket.use((packet, next) => void dispatch(ctx, socket, packet, next));
}

async function joinRooms(socket: PlenarySocket): Promise<void> {
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
}

/** The team sees who is connected; a participant's last connection going shows them offline. */
async function onDisconnect(ctx: ConnectionContext, socket: PlenarySocket): Promise<void> {
  const { workshops, presence } = ctx.deps;
  const { workshopId, participantId, role } = socket.data;
  if (role === 'facilitator' || role === 'moderator') {
    const current = await workshops.get(workshopId);
    if (current) void sendTeam(ctx.io, current.workshop).catch(() => undefined);
    return;
  }
  if (!participantId || !presence.disconnected(workshopId, participantId)) return;
  const current = await workshops.get(workshopId);
  const p = current?.workshop.participants.find((x) => x.id === participantId);
  if (p) ctx.broadcaster.upsert(workshopId, p);
}

/** Counts an event against the rate limit, then runs it if it is a command, or refuses it. */
async function dispatch(
  ctx: ConnectionContext,
  socket: PlenarySocket,
  packet: unknown[],
  next: (error?: Error) => void,
): Promise<void> {
  const verdict = await ctx.deps.limiter.event(socket.id);
  if (verdict === 'ok') {
    const [name, payload, ack] = packet;
    if (typeof name !== 'string' || !Object.hasOwn(CommandInputs, name)) return next();
    // Every command is acknowledged; one without an ack is not ours. As socket.io does
    // for listeners, a packet that arrived just before a disconnection is dropped.
    if (typeof ack === 'function' && socket.connected)
      ctx.runCommand(socket, name as CommandName, payload, ack);
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
}
