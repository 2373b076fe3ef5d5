import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type RequestHandler } from 'express';
import { apiRouter } from './http/api.js';
import { Presence } from './realtime/presence.js';
import { attachRealtime } from './realtime/sockets.js';
import type { Store } from './store/store.js';
import { Workshops } from './workshops.js';

export interface ServerDeps {
  store: Store;
  version?: string;
  /** The SvelteKit handler (adapter-node's build/handler.js); absent in API-only tests. */
  webHandler?: RequestHandler;
  publicOrigin?: string;
  allowedOrigins?: readonly string[];
  now?: () => number;
}

export interface PlenaryServer {
  http: HttpServer;
  workshops: Workshops;
  listen(port: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

/** Composition root for one Plenary process; `main.ts` reads the environment and calls this. */
export function createServer(deps: ServerDeps): PlenaryServer {
  const now = deps.now ?? Date.now;
  const workshops = new Workshops(deps.store, now);
  const presence = new Presence(now);
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    next();
  });

  const http = createHttpServer(app);
  const realtime = attachRealtime(http, {
    workshops,
    presence,
    allowedOrigins: deps.allowedOrigins ?? [],
    now,
  });
  app.use(
    '/api',
    apiRouter({
      workshops,
      presence,
      version: deps.version ?? '0.0.0-dev',
      publicOrigin: deps.publicOrigin,
      onDeleted: (id) => realtime.broadcaster.ended(id),
    }),
  );
  if (deps.webHandler) app.use(deps.webHandler);

  return {
    http,
    workshops,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen(port, host, () => {
          const { address, port: bound } = http.address() as AddressInfo;
          const shown = address.includes(':') ? `[${address}]` : address;
          resolve(`http://${shown === '0.0.0.0' || shown === '[::]' ? 'localhost' : shown}:${bound}`);
        });
      });
    },
    async close() {
      // Not disconnectSockets(): a server-side disconnect tells clients not to reconnect, and
      // after a restart they must come back by themselves.
      await new Promise<void>((resolve) => {
        // io.close() also closes the HTTP server; keep-alive connections would hold it open.
        void realtime.io.close(() => resolve());
        http.closeAllConnections();
      });
      await deps.store.close();
    },
  };
}
