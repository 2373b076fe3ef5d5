import type { Server, Socket } from 'socket.io';
import type { ClientToServer, ServerToClient, SocketData } from '@plenary/shared';
import { ballotKey } from '../secrets.js';

export type IO = Server<ClientToServer, ServerToClient, Record<string, never>, SocketData>;
export type PlenarySocket = Socket<
  ClientToServer,
  ServerToClient,
  Record<string, never>,
  SocketData
>;

/** A participant's ballot keys, one per poll, from the seed their handshake derived. */
export const ballotKeys = (data: SocketData) =>
  data.ballotSeed ? (pollId: string) => ballotKey(data.ballotSeed!, pollId) : undefined;
