import type { Server } from 'socket.io';
import {
  teamOf,
  teamView,
  type ClientToServer,
  type ServerToClient,
  type SocketData,
  type Workshop,
} from '@plenary/shared';
import { rooms } from './broadcast-policy.js';

type IO = Server<ClientToServer, ServerToClient, Record<string, never>, SocketData>;

/** Every connection opened with one key (owner, member or screen), to drop them when it goes. */
export const keyRoom = (workshopId: string, keyHash: string) => `k:${workshopId}:${keyHash}`;

/** Hashes of the keys that opened the workshop before a change and no longer do. */
export function revokedKeys(before: Workshop, after: Workshop): string[] {
  if (
    before.team === after.team &&
    before.facilitatorKeyHash === after.facilitatorKeyHash &&
    before.screenKeyHash === after.screenKeyHash
  )
    return [];
  const keys = (w: Workshop) =>
    new Set([w.facilitatorKeyHash, w.screenKeyHash, ...teamOf(w).members.map((m) => m.keyHash)]);
  const now = keys(after);
  // A member whose role changed keeps a key that opens something else: drop them too.
  const roleChanged = teamOf(before).members.filter((m) =>
    teamOf(after).members.some((n) => n.id === m.id && n.role !== m.role),
  );
  return [...[...keys(before)].filter((k) => !now.has(k)), ...roleChanged.map((m) => m.keyHash)];
}

/**
 * Ends every connection, on every process, opened with a key that was revoked or replaced. (Its
 * document connections are closed by the docs server, whose access check asks the same.)
 */
export function dropRevoked(
  io: IO,
  workshopId: string,
  keyHashes: readonly string[],
  /** The connection that made the change, which ends only once it has its answer. */
  except: string,
): void {
  for (const hash of keyHashes) {
    io.to(keyRoom(workshopId, hash)).except(except).emit('ended', 'revoked');
    io.in(keyRoom(workshopId, hash)).except(except).disconnectSockets(true);
  }
}

/** Sends the team, with who of it is connected now (on any process), to the team's screens. */
export async function sendTeam(io: IO, w: Workshop): Promise<void> {
  const sockets = await io.in(rooms.facilitators(w.id)).fetchSockets();
  const members = new Set<string>();
  let owner = false;
  for (const s of sockets) {
    if (s.data.memberId) members.add(s.data.memberId);
    else if (s.data.role === 'facilitator') owner = true;
  }
  io.to(rooms.facilitators(w.id)).emit('team', teamView(w, { owner, members }));
}
