import type { IncomingMessage, Server as HttpServer } from 'node:http';
import type { Duplex } from 'node:stream';
import { logError } from '../log.js';

export interface UpgradeRoute {
  /** Paths starting with this, e.g. `/yjs/`. */
  prefix: string;
  /**
   * Takes the upgrade (answers it or refuses it); undefined for a path whose upgrade listener is
   * registered on the HTTP server by its library (engine.io takes socket.io's path itself).
   */
  take?: (req: IncomingMessage, socket: Duplex, head: Buffer) => void | Promise<void>;
}

/**
 * One place that sees every WebSocket upgrade: it keeps each upgraded socket until it closes,
 * refuses the paths no route serves, and closes what is left when the server stops. Node hands an
 * upgrade's socket over to the listeners and forgets it: one that nobody answers stays open (in
 * CLOSE-WAIT once its client leaves) and keeps the HTTP server from closing.
 */
export class Upgrades {
  private readonly sockets = new Set<Duplex>();

  /**
   * `answers`: whether the upgrade's Host header is one this server answers; the others are
   * refused (421), as HTTP requests are (http/hosts.ts).
   */
  constructor(
    http: HttpServer,
    answers: (req: IncomingMessage) => boolean,
    routes: readonly UpgradeRoute[],
  ) {
    http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
      // Node's HTTP server removed its own listeners: an error here would be an uncaught one.
      socket.on('error', () => socket.destroy());
      // Once this side has said all it will (a refusal, or the end of a closing handshake),
      // nothing more comes of the socket: it must not wait for a client that never closes.
      socket.once('finish', () => socket.destroy());
      const path = new URL(req.url ?? '/', 'http://x').pathname;
      const route = routes.find((r) => path.startsWith(r.prefix));
      if (!route) return refuse(socket, 400, 'Bad Request');
      // engine.io answers its own path (its listener refuses through allowRequest).
      if (!route.take) return;
      if (!answers(req)) return refuse(socket, 421, 'Misdirected Request');
      try {
        void Promise.resolve(route.take(req, socket, head)).catch((error: unknown) => {
          logError('[upgrade] failed', error);
          refuse(socket, 500, 'Internal Server Error');
        });
      } catch (error) {
        logError('[upgrade] failed', error);
        refuse(socket, 500, 'Internal Server Error');
      }
    });
  }

  /** How many upgraded sockets are open. */
  get open(): number {
    return this.sockets.size;
  }

  /** Closes every upgraded socket still open (the server is stopping). */
  destroyAll(): void {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
  }
}

function refuse(socket: Duplex, status: number, text: string) {
  if (socket.destroyed) return;
  if (!socket.writable) return void socket.destroy();
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
