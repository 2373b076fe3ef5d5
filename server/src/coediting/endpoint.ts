import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { DOC_CLOSE, docAccess, type Actor, type Workshop } from '@plenary/shared';
import { logError } from '../log.js';
import { isAllowedOrigin } from '../origin.js';
import type { Workshops } from '../workshops.js';
import { batchWrites } from '../batched-writes.js';
import { awaitDocAuth } from './doc-auth.js';
import { identityOf } from './identity.js';
import type { Peer, Room } from './room.js';
import type { Rooms } from './rooms.js';
import { decodeClientMessage } from './wire.js';

/** How long a new document connection has to send its credential. */
const AUTH_TIMEOUT_MS = 10_000;

export interface EndpointDeps {
  workshops: Workshops;
  rooms: Rooms;
  allowedOrigins: readonly string[];
  maxMessageBytes: number;
}

/** A WebSocket as a room's peer. Messages of one connection are handled one after another. */
interface Connection extends Peer {
  readonly ws: WebSocket;
  chain: Promise<void>;
}

function connection(
  ws: WebSocket,
  socket: Duplex,
  w: Workshop,
  actor: Actor,
  wantsSaved: boolean,
): Connection {
  return {
    ws,
    chain: Promise.resolve(),
    actor,
    identity: identityOf(w, actor),
    clientIds: new Set(),
    wantsSaved,
    send: (message) => {
      if (ws.readyState !== ws.OPEN) return;
      batchWrites(socket);
      ws.send(message);
    },
    close: (code, reason) => ws.close(code, reason),
  };
}

/**
 * The y-websocket protocol at /yjs/<workshopId>/<artifactId>: takes the upgrade, authenticates
 * the connection, checks its access on every update, and hands its messages to the room.
 */
export class DocsEndpoint {
  private readonly wss: WebSocketServer;

  constructor(private readonly deps: EndpointDeps) {
    this.wss = new WebSocketServer({ noServer: true, maxPayload: deps.maxMessageBytes });
  }

  /** Takes an upgrade to /yjs/ (the server's upgrade dispatcher, http/upgrades.ts, calls it). */
  async takeUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://x');
    const refuse = (status: number, text: string) => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (!isAllowedOrigin(req, this.deps.allowedOrigins)) return refuse(403, 'Forbidden');
    const [, , workshopId, artifactId, ...rest] = url.pathname.split('/');
    if (!workshopId || !artifactId || rest.length > 0) return refuse(404, 'Not Found');
    const wantsSaved = url.searchParams.get('saved') === '1';
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      void this.authenticate(ws, socket, workshopId, artifactId, wantsSaved);
    });
  }

  /**
   * The credential comes in the connection's first message (see shared/doc-auth.ts), not in the
   * URL; refusals are close codes, which the client tells its reader.
   */
  private async authenticate(
    ws: WebSocket,
    socket: Duplex,
    workshopId: string,
    artifactId: string,
    wantsSaved: boolean,
  ) {
    const hello = await awaitDocAuth(ws, AUTH_TIMEOUT_MS);
    if (hello === 'closed') return;
    // A page from before credentials moved out of the URL: its reader is asked to reload.
    if (hello === 'invalid') return ws.close(DOC_CLOSE.badMessage, 'Send the credential first');
    if (hello === 'late') return ws.close(DOC_CLOSE.noCredential, 'No credential came');
    let record;
    try {
      record = await this.deps.workshops.get(workshopId);
    } catch (error) {
      logError(`[yjs] could not check access to ${workshopId}/${artifactId}`, error);
      return ws.close(DOC_CLOSE.serverError, 'Could not check access');
    }
    if (!record) return ws.close(DOC_CLOSE.gone, 'This workshop was deleted');
    const actor = this.deps.workshops.authenticate(record.workshop, hello.credential);
    if (!actor) return ws.close(DOC_CLOSE.unauthorized, 'Unauthorized');
    if (docAccess(record.workshop, artifactId, actor) === 'none')
      return ws.close(DOC_CLOSE.notYet, 'No access to this document');
    const conn = connection(ws, socket, record.workshop, actor, wantsSaved);
    void this.connected(conn, record.workshop, artifactId, hello.take());
  }

  private async connected(conn: Connection, w: Workshop, artifactId: string, early: Uint8Array[]) {
    const { ws } = conn;
    ws.binaryType = 'arraybuffer';
    // Messages that arrive while the document loads wait in order.
    const queue: Uint8Array[] = early;
    let room: Room | undefined;
    ws.on('message', (data: ArrayBuffer) => {
      const bytes = new Uint8Array(data);
      if (!room) return void queue.push(bytes);
      this.enqueue(room, conn, bytes);
    });
    // A frame over maxPayload, or a broken socket: ws closes the connection; nothing to throw.
    ws.on('error', () => {});
    ws.on('close', () => {
      if (!room) return;
      room.leave(conn);
      this.deps.rooms.idle(room);
    });
    try {
      room = await this.deps.rooms.open(w, artifactId);
    } catch (error) {
      logError(`[yjs] could not load document ${w.id}/${artifactId}`, error);
      return ws.close(DOC_CLOSE.serverError, 'Could not load the document');
    }
    // The client may have gone while the document loaded (a Wi-Fi drop): its close event found
    // no document then, so it must not be counted now, or the document would never unload.
    if (ws.readyState !== ws.OPEN) return this.deps.rooms.idle(room);
    room.join(conn);
    for (const bytes of queue.splice(0)) this.enqueue(room, conn, bytes);
  }

  private enqueue(room: Room, conn: Connection, bytes: Uint8Array) {
    conn.chain = conn.chain.then(() => this.message(room, conn, bytes));
  }

  /** Current access, from the latest workshop state: a participant moved to another group, or a
   *  locked document, takes effect on the next message. */
  private async access(room: Room, conn: Connection) {
    const record = await this.deps.workshops.get(room.workshopId);
    if (!record) return 'none';
    return docAccess(record.workshop, room.artifactId, conn.actor);
  }

  private async message(room: Room, conn: Connection, bytes: Uint8Array) {
    try {
      const message = decodeClientMessage(bytes);
      switch (message.type) {
        case 'sync-step1':
          return conn.send(room.syncStep2(message.stateVector));
        case 'update': {
          const access = await this.access(room, conn);
          if (access === 'none')
            return conn.close(DOC_CLOSE.forbidden, 'No access to this document');
          if (access !== 'write') return; // read-only: updates are ignored, the document is unchanged
          if (!room.fits(message.update))
            return conn.close(DOC_CLOSE.tooLarge, 'The document is full');
          return room.apply(conn, message.update);
        }
        case 'awareness':
          if (!room.applyPresence(conn, message.update))
            conn.close(DOC_CLOSE.badMessage, 'Presence refused');
          return;
        case 'query-awareness':
          return conn.send(room.presenceMessage());
      }
    } catch {
      // Untrusted bytes: a malformed frame closes only its sender's connection.
      conn.close(DOC_CLOSE.badMessage, 'Malformed message');
    }
  }

  /** Ends every document socket, including those whose document is still loading: an open
   *  upgraded socket would keep the HTTP server from closing. */
  terminate(): void {
    for (const ws of this.wss.clients) ws.terminate();
  }

  close(): void {
    this.wss.close();
  }
}
