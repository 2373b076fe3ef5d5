/**
 * Compile-time proof that the protocol is typed on both ends: `pnpm check` fails if a wrong
 * payload compiles. Nothing here runs.
 */
import type { Socket as ClientSocket } from 'socket.io-client';
import type { Server } from 'socket.io';
import type { ClientToServer, ServerToClient, SocketData } from '@plenary/shared';

declare const client: ClientSocket<ServerToClient, ClientToServer>;
declare const server: Server<ClientToServer, ServerToClient, Record<string, never>, SocketData>;

// Right payloads compile.
client.emit('timer.start', { cmdId: 'abcdefgh', durationMs: 60_000 }, (ack) => {
  if (ack.ok) void ack.duplicate;
  else void ack.code;
});
client.emit('module.add', { cmdId: 'abcdefgh', title: 'Prevention' }, (ack) => {
  if (ack.ok) void ack.moduleId.toUpperCase();
});
server.to('w:1').emit('roster', { upsert: [], remove: ['participant-id'] });

// @ts-expect-error an unknown event name
client.emit('timer.explode', { cmdId: 'abcdefgh' }, () => {});
// @ts-expect-error a payload of the wrong type
client.emit('timer.adjust', { cmdId: 'abcdefgh', deltaMs: '60' }, () => {});
// @ts-expect-error a command without its command id
client.emit('timer.pause', {}, () => {});
// @ts-expect-error the ack of module.add carries moduleId, not activityId
client.emit('module.add', { cmdId: 'abcdefgh', title: 'x' }, (ack) => ack.ok && ack.activityId);
// @ts-expect-error the server cannot send an event the client does not know
server.emit('session.explode', {});
// @ts-expect-error a roster patch lists removed ids, not participants
server.emit('roster', { upsert: [], remove: [{ id: 'p1' }] });
