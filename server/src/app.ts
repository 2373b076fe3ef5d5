import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import express, { type RequestHandler } from 'express';
import { deletionDueAt, type EntryServices } from '@plenary/shared';
import { apiRouter } from './http/api.js';
import { entryServices, servicesFor } from './http/entry.js';
import { reportRouter } from './http/report.js';
import { restoreUpload } from './http/restore.js';
import { Presence } from './realtime/presence.js';
import { attachRealtime } from './realtime/sockets.js';
import type { Store } from './store/store.js';
import { MemoryDocStore, type DocStore } from './coediting/doc-store.js';
import { DocsServer, type DocLimits } from './coediting/coediting-server.js';
import { Upgrades } from './http/upgrades.js';
import { HostPolicy, refuseUnknownHosts } from './http/hosts.js';
import { Workshops } from './workshops.js';
import { DEFAULT_RATE_LIMITS, Limiter, type RateLimits } from './limits.js';
import { logError } from './log.js';
import type { Cluster } from './cluster.js';

/** The header adapter-node reads the protocol from (main.ts sets PROTOCOL_HEADER to it). */
export const WEB_PROTOCOL_HEADER = 'x-plenary-protocol';

/** A request as the web app's server code sees it (adapter-node's `platform.req`). */
type FormRequest = express.Request & { plenary: EntryServices };

export interface ServerDeps {
  store: Store;
  /** Co-edited documents; in memory when absent (tests). */
  docStore?: DocStore;
  docLimits?: Partial<DocLimits>;
  rateLimits?: Partial<RateLimits>;
  /** How often to delete workshops past their retention period (default hourly). */
  sweepEveryMs?: number;
  version?: string;
  /** The SvelteKit handler (adapter-node's build/handler.js); absent in API-only tests. */
  webHandler?: RequestHandler;
  publicOrigin?: string;
  allowedOrigins?: readonly string[];
  /** More host names to answer (ALLOWED_HOSTS); `*` answers any. */
  allowedHosts?: readonly string[];
  now?: () => number;
  /** Several processes: the socket.io adapter and the bus that join them (see cluster.ts). */
  cluster?: Cluster;
  /** Proxies whose X-Forwarded-For gives the client's address (TRUST_PROXY); none by default. */
  trustProxy?: string | number;
  /** How long a stop waits for socket.io's closing handshakes before closing sockets (1 s). */
  closeGraceMs?: number;
}

export interface PlenaryServer {
  http: HttpServer;
  /** Which Host headers are answered, and where participants join. */
  hosts: HostPolicy;
  workshops: Workshops;
  docs: DocsServer;
  /** Runs the retention sweep now (it also runs hourly). */
  sweep(at?: number): Promise<string[]>;
  listen(port: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

/** Composition root for one Plenary process; `main.ts` reads the environment and calls this. */
export function createServer(deps: ServerDeps): PlenaryServer {
  const now = deps.now ?? Date.now;
  const workshops = new Workshops(deps.store, now);
  const presence = new Presence(now);
  if (deps.cluster) void presence.share(deps.cluster.bus);
  const limiter = new Limiter({ ...DEFAULT_RATE_LIMITS, ...deps.rateLimits });
  const app = express();
  app.disable('x-powered-by');
  // X-Forwarded-For (and -Proto, -Host) only from the proxies configured (TRUST_PROXY): from any
  // other client it would choose the address that rate limits count.
  app.set('trust proxy', deps.trustProxy ?? false);
  const hosts = new HostPolicy({
    publicOrigin: deps.publicOrigin,
    allowedOrigins: deps.allowedOrigins ?? [],
    allowedHosts: deps.allowedHosts ?? [],
    port: () => (http.address() as AddressInfo | null)?.port ?? 0,
  });
  app.use(refuseUnknownHosts(hosts));
  app.use((_req, res, next) => {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    next();
  });

  const http = createHttpServer(app);
  const docs = new DocsServer({
    workshops,
    store: deps.docStore ?? new MemoryDocStore(),
    allowedOrigins: deps.allowedOrigins ?? [],
    now,
    ...(deps.docLimits && { limits: deps.docLimits }),
    onProgress: (workshopId, progress) => realtime.broadcaster.progress(workshopId, progress),
    ...(deps.cluster && { bus: deps.cluster.bus }),
  });
  const realtime = attachRealtime(http, {
    workshops,
    docs,
    presence,
    limiter,
    allowedOrigins: deps.allowedOrigins ?? [],
    answersHost: (host) => hosts.answers(host),
    now,
    onRemoved: (workshopId, participantId) => docs.disconnectParticipant(workshopId, participantId),
    ...(deps.cluster && { adapter: deps.cluster.adapter }),
  });
  const entry = entryServices({ workshops, presence, limiter, publicOrigin: deps.publicOrigin });
  const upgrades = new Upgrades(http, (req) => hosts.answers(req.headers.host), [
    { prefix: realtime.io.path() + '/' },
    { prefix: '/yjs/', take: (req, socket, head) => docs.takeUpgrade(req, socket, head) },
  ]);
  // API answers name people (rosters, results, reports, backups): no cache or proxy keeps them.
  app.use('/api', (_req, res, next) => {
    res.setHeader('Cache-Control', 'no-store');
    next();
  });
  // Before the API router: the restore of a backup takes a larger body than its parser allows.
  const reportDeps = {
    workshops,
    docs,
    store: deps.store,
    limiter,
    publicOrigin: deps.publicOrigin,
    now,
  };
  app.use('/api', reportRouter(reportDeps));
  // The restore form's upload: the API's restore, with its limits, for a form action.
  const restore = (req: express.Request, backup: Uint8Array) =>
    restoreUpload(reportDeps, req, backup);
  app.use(
    '/api',
    apiRouter({
      workshops,
      presence,
      entry,
      version: deps.version ?? '0.0.0-dev',
      joinOrigins: () => hosts.joinOrigins(),
      deleteWorkshop,
    }),
  );
  if (deps.webHandler)
    app.use(
      explicitSocketOrigin(deps.publicOrigin),
      // The web app's form actions run here: they reach the ways in through the request.
      (req, _res, next) => {
        (req as FormRequest).plenary = servicesFor(entry, restore, req);
        // The page's origin for SvelteKit (its CSRF check of form posts): this connection's
        // protocol (or the trusted proxy's), whatever the client sent in this header.
        req.headers[WEB_PROTOCOL_HEADER] = req.protocol;
        next();
      },
      deps.webHandler,
    );

  async function deleteWorkshop(id: string): Promise<void> {
    await workshops.delete(id);
    realtime.broadcaster.ended(id);
    await docs.deleteWorkshop(id);
  }

  /** Deletes the workshops whose retention period is over; returns their ids. */
  async function sweep(at = now()): Promise<string[]> {
    const due: string[] = [];
    for (const id of await deps.store.list()) {
      const record = await workshops.get(id);
      const dueAt = record && deletionDueAt(record.workshop);
      if (dueAt !== null && dueAt !== undefined && dueAt <= at) due.push(id);
    }
    for (const id of due) await deleteWorkshop(id);
    return due;
  }
  const sweeper = setInterval(
    () => {
      sweep().then(
        (ids) =>
          ids.length > 0 && console.log(`[plenary] retention: deleted ${ids.length} workshop(s)`),
        (error: unknown) => logError('[plenary] retention sweep failed', error),
      );
    },
    deps.sweepEveryMs ?? 60 * 60 * 1000,
  );
  // The sweep must never keep a stopping process alive.
  sweeper.unref();

  return {
    http,
    hosts,
    workshops,
    docs,
    sweep,
    listen(port, host) {
      return new Promise((resolve, reject) => {
        http.once('error', reject);
        http.listen(port, host, () => {
          const { address, port: bound } = http.address() as AddressInfo;
          const shown = address.includes(':') ? `[${address}]` : address;
          resolve(
            `http://${shown === '0.0.0.0' || shown === '[::]' ? 'localhost' : shown}:${bound}`,
          );
        });
      });
    },
    async close() {
      clearInterval(sweeper);
      presence.stop();
      // Not disconnectSockets(): a server-side disconnect tells clients not to reconnect, and
      // after a restart they must come back by themselves.
      // io.close() stops listening and closes the HTTP server once its connections end:
      // keep-alive connections and document sockets (upgraded, so not counted by
      // closeAllConnections) are closed here, then documents are stored. A client that does not
      // answer socket.io's closing handshake would hold the server for 30 s (ws's timeout): after
      // a grace every upgraded socket still open is destroyed.
      const closed = new Promise<void>((resolve) => void realtime.io.close(() => resolve()));
      const handshakes = settledWithin(closed, deps.closeGraceMs ?? CLOSE_GRACE_MS);
      http.closeAllConnections();
      await docs.close();
      await handshakes;
      upgrades.destroyAll();
      http.closeAllConnections();
      await closed;
      await deps.store.close();
      await deps.cluster?.close();
    },
  };
}

/** socket.io's closing handshakes end within 0.3 s with 1,000 clients (README, Performance). */
const CLOSE_GRACE_MS = 1000;

/** Waits for `promise`, or `ms` at most. */
function settledWithin(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, ms)));
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * SvelteKit's CSP allows sockets to 'self', which current browsers read as the page's own ws:
 * or wss: origin. Older ones do not, so the page's socket origin is named as well: taken from
 * PUBLIC_ORIGIN, or else from the request (it only ever names the host the page came from).
 */
function explicitSocketOrigin(publicOrigin: string | undefined): RequestHandler {
  return (req, res, next) => {
    const origin = publicOrigin ?? `${req.protocol}://${req.get('host') ?? ''}`;
    let socketOrigin: string | undefined;
    try {
      const url = new URL(origin);
      socketOrigin = `${url.protocol === 'https:' ? 'wss' : 'ws'}://${url.host}`;
    } catch {
      socketOrigin = undefined;
    }
    const setHeader = res.setHeader.bind(res);
    res.setHeader = (name: string, value: number | string | readonly string[]) => {
      if (
        socketOrigin &&
        name.toLowerCase() === 'content-security-policy' &&
        typeof value === 'string'
      )
        value = value.replace(/connect-src 'self'/, `connect-src 'self' ${socketOrigin}`);
      return setHeader(name, value);
    };
    next();
  };
}
