import type { IncomingMessage, Server as HttpServer } from 'node:http';
import { Server, type ServerOptions } from 'socket.io';
import { batchWrites } from '../batched-writes.js';
import type { DocsServer } from '../coediting/coediting-server.js';
import type { Limiter } from '../limits.js';
import { isAllowedOrigin } from '../origin.js';
import type { Workshops } from '../workshops.js';
import { Broadcaster } from './broadcast.js';
import { CommandHandler } from './command-handler.js';
import { onConnection, type ConnectionContext } from './connection.js';
import { authenticateHandshake } from './handshake.js';
import type { Presence } from './presence.js';
import type { IO } from './socket-types.js';
import { Welcome } from './welcome.js';

/** What engine.io's 'flush' event says of a connection (engine.io is socket.io's, not ours). */
interface EngineSocket {
  transport: { name: string };
  request: IncomingMessage;
}

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

/**
 * socket.io for commands and server events: the handshake authenticates (handshake.ts), a
 * connection joins its rooms and is welcomed (connection.ts, welcome.ts), its commands run
 * through one handler (command-handler.ts) and changes go out through the broadcaster.
 */
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
  // Packets queued while the transport was busy (a welcome's binary parts, a patch behind
  // them) go out in one write. Only on a connection that opened as a WebSocket: its request's
  // socket is the one the WebSocket writes to.
  io.engine.on('flush', (conn: EngineSocket, queued: unknown[]) => {
    if (queued.length > 1 && conn.transport.name === 'websocket' && conn.request.headers.upgrade)
      batchWrites(conn.request.socket);
  });
  const broadcaster = new Broadcaster(io, presence, now, deps.onRemoved);
  workshops.events.on('applied', (change) => broadcaster.applied(change));
  presence.events.on('changed', (workshopId, participant) => {
    if (typeof participant !== 'string') broadcaster.upsert(workshopId, participant);
  });
  io.use(authenticateHandshake(workshops));
  const context: ConnectionContext = {
    io,
    deps,
    broadcaster,
    welcome: new Welcome({ broadcaster, now, progressOf: (id) => deps.docs.progressOf(id) }),
    runCommand: new CommandHandler(io, deps, broadcaster).run,
  };
  io.on('connection', (socket) => void onConnection(context, socket));
  return { io, broadcaster };
}
