import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import * as Y from 'yjs';
import * as syncProtocol from 'y-protocols/sync';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as encoding from 'lib0/encoding';
import * as decoding from 'lib0/decoding';
import { WebSocketServer, type WebSocket } from 'ws';
import {
  actorName,
  analyseGaps,
  docAccess,
  DOC_MESSAGE_SAVED,
  type Actor,
  type ArtifactProgress,
  type Workshop,
} from '@plenary/shared';
import {
  checklistProgress,
  isPracticeDoc,
  planProgress,
  practiceProgress,
  seedChecklist,
  seedVignette,
  readMap,
  readLines,
  upgradeTextFields,
  vignetteProgress,
} from '@plenary/shared/docs';
import { newId } from '../secrets.js';
import type { Workshops } from '../workshops.js';
import { isAllowedOrigin } from '../realtime/origin.js';
import { guardAwareness, sameIdentity, type Identity } from './awareness-guard.js';
import { awaitDocAuth } from './doc-auth.js';
import { trimAddedValues } from './trim-values.js';
import { dropPending, encodeIntegrated, hasPending, pendingBytes } from './pending.js';
import type { DocStore } from './doc-store.js';
import type { Bus } from '../bus.js';
import { logError } from '../log.js';
import { Throttle } from '../realtime/throttle.js';

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const MESSAGE_QUERY_AWARENESS = 3;
const SAVED_BROADCAST_MS = 500;
/**
 * How often, at most, a document's progress is recomputed for the console (leading edge at once,
 * then merged). Recomputing on every edit (for a map: reading it and analysing its gaps) with 50
 * editors a document took most of the event loop (bench/, co-editing 4 groups x 50).
 */
const PROGRESS_INTERVAL_MS = 300;
/**
 * Presence changes of a document are merged and sent at most this often (leading edge at once).
 * Sent one by one, each arrival went to every peer on its own: when 1,000 people came back after
 * a restart, 25 per document, that was the largest share of the server's socket writes
 * (bench/, scenario 3). A cursor or "editing" marker 100 ms late is not noticed.
 */
const AWARENESS_INTERVAL_MS = 100;

const savedMessage = (stateVector: Uint8Array) =>
  encode((e) => {
    encoding.writeVarUint(e, DOC_MESSAGE_SAVED);
    encoding.writeVarUint8Array(e, stateVector);
  });

/** WebSocket close codes (4000-4999 are the application's; y-websocket clients stop
 *  reconnecting after 4400-4499 and retry after any other). */
export const CLOSE = {
  unauthorized: 4401,
  forbidden: 4403,
  tooLarge: 4413,
  badMessage: 4400,
  gone: 4404,
  /** No access at connection, yet: a reveal or a move to the group may give it, so retry. */
  notYet: 4503,
} as const;

/** How long a new document connection has to send its credential. */
const AUTH_TIMEOUT_MS = 10_000;

export interface DocLimits {
  /** Largest document, in encoded bytes. An update that would pass it is refused. */
  maxDocBytes: number;
  /** Largest single WebSocket message. */
  maxMessageBytes: number;
  /** How long a document with no connection stays loaded. */
  idleUnloadMs: number;
  /** Compact the log after this many appended updates. */
  compactEvery: number;
}

export const DEFAULT_DOC_LIMITS: DocLimits = {
  maxDocBytes: 5 * 1024 * 1024,
  maxMessageBytes: 2 * 1024 * 1024,
  idleUnloadMs: 30_000,
  compactEvery: 500,
};

export type Progress = ArtifactProgress;
interface Conn {
  ws: WebSocket;
  /** Messages of one connection are handled one after another. */
  chain: Promise<void>;
  actor: Actor;
  identity: Identity;
  clientIds: Set<number>;
  /** The client asked (`?saved=1`) to be told what is durably stored; plain y-websocket
   *  clients do not know the message and would log it as an error. */
  wantsSaved: boolean;
}

const COLORS = [
  '#1d4ed8',
  '#b91c1c',
  '#047857',
  '#7c3aed',
  '#b45309',
  '#0e7490',
  '#be185d',
  '#4d7c0f',
];

class SharedDoc {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly conns = new Set<Conn>();
  size = 0;
  appended = 0;
  /** The latest append: once it settles, everything applied before it is on disk. */
  lastWrite: Promise<unknown> = Promise.resolve();
  /** Pending broadcast of the saved state to everyone in the document. */
  savedTimer: NodeJS.Timeout | null = null;
  /** The state vector known to be durably stored: the largest saved clock of each Yjs client
   *  (decoded: merged on every stored update, encoded only for the broadcast, twice a second). */
  saved = new Map<number, number>();
  lastEditAt: number | null = null;
  lastEditor: string | null = null;
  idleTimer: NodeJS.Timeout | null = null;
  /** The compaction under way, if any. */
  compacting: Promise<void> | null = null;
  /** Recomputes the console's progress line, at most every 300 ms (set by the server). */
  progress: Throttle | null = null;
  /** Presence changes not sent yet; those made here (not on another process) are published. */
  readonly presenceChanged = new Set<number>();
  readonly presenceChangedHere = new Set<number>();
  presence: Throttle | null = null;
  /** Part of a client's update waits in memory for a change it depends on (see pending.ts). */
  held = false;
  constructor(
    readonly name: string,
    readonly workshopId: string,
    readonly artifactId: string,
  ) {
    // The server has no local user of its own.
    this.awareness.setLocalState(null);
    // Before anything is applied, so that the values loaded from the store are trimmed too.
    this.doc.on('afterTransactionCleanup', trimAddedValues);
    // Unloaded or deleted: no progress is computed nor presence sent for it any more.
    this.doc.on('destroy', () => {
      this.progress?.cancel();
      this.presence?.cancel();
    });
  }
}

export interface DocsServerDeps {
  workshops: Workshops;
  store: DocStore;
  allowedOrigins: readonly string[];
  limits?: Partial<DocLimits>;
  now?: () => number;
  onProgress?: (workshopId: string, progress: Progress) => void;
  /** Several processes: relays updates, presence and saved reports between them. */
  bus?: Bus;
}

/** Kinds of message between processes about one document (first byte). */
const BUS_UPDATE = 0;
const BUS_AWARENESS = 1;
const BUS_SAVED = 2;
/** The channel on which a process says "this workshop changed: check access to its documents". */
const WORKSHOPS_CHANNEL = 'workshops';

/** The y-websocket protocol at /yjs/<workshopId>/<artifactId>, with our auth, limits and storage. */
export class DocsServer {
  private readonly docs = new Map<string, Promise<SharedDoc>>();
  private readonly unloading = new Set<Promise<void>>();
  private readonly wss: WebSocketServer;
  private readonly limits: DocLimits;
  private readonly now: () => number;
  readonly progress = new Map<string, Progress>();

  constructor(private readonly deps: DocsServerDeps) {
    this.limits = { ...DEFAULT_DOC_LIMITS, ...deps.limits };
    this.now = deps.now ?? Date.now;
    this.wss = new WebSocketServer({ noServer: true, maxPayload: this.limits.maxMessageBytes });
    void deps.bus?.subscribe(WORKSHOPS_CHANNEL, (message) => {
      void this.recheck(new TextDecoder().decode(message));
    });
  }

  /** Takes an upgrade to /yjs/ (the server's upgrade dispatcher, http/upgrades.ts, calls it). */
  takeUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    return this.upgrade(req, socket, head, new URL(req.url ?? '/', 'http://x'));
  }

  private async upgrade(req: IncomingMessage, socket: Duplex, head: Buffer, url: URL) {
    const refuse = (status: number, text: string) => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    if (!isAllowedOrigin(req, this.deps.allowedOrigins)) return refuse(403, 'Forbidden');
    const [, , workshopId, artifactId, ...rest] = url.pathname.split('/');
    if (!workshopId || !artifactId || rest.length > 0) return refuse(404, 'Not Found');
    const wantsSaved = url.searchParams.get('saved') === '1';
    this.wss.handleUpgrade(req, socket, head, (ws) => {
      void this.authenticate(ws, workshopId, artifactId, wantsSaved);
    });
  }

  /**
   * The credential comes in the connection's first message (see shared/doc-auth.ts), not in the
   * URL; refusals are close codes, which the client tells its reader.
   */
  private async authenticate(
    ws: WebSocket,
    workshopId: string,
    artifactId: string,
    wantsSaved: boolean,
  ) {
    const hello = await awaitDocAuth(ws, AUTH_TIMEOUT_MS);
    if (hello === 'closed') return;
    // A page from before credentials moved out of the URL: its reader is asked to reload.
    if (hello === 'invalid') return ws.close(CLOSE.badMessage, 'Send the credential first');
    if (hello === 'late') return ws.close(1008, 'No credential came');
    let record;
    try {
      record = await this.deps.workshops.get(workshopId);
    } catch (error) {
      logError(`[yjs] could not check access to ${workshopId}/${artifactId}`, error);
      return ws.close(1011, 'Could not check access');
    }
    if (!record) return ws.close(CLOSE.gone, 'This workshop was deleted');
    const actor = this.deps.workshops.authenticate(record.workshop, hello.credential);
    if (!actor) return ws.close(CLOSE.unauthorized, 'Unauthorized');
    if (docAccess(record.workshop, artifactId, actor) === 'none')
      return ws.close(CLOSE.notYet, 'No access to this document');
    void this.connected(ws, record.workshop, artifactId, actor, wantsSaved, hello.take());
  }

  private identity(w: Workshop, actor: Actor): Identity {
    if (actor.role === 'participant') {
      const p = w.participants.find((x) => x.id === actor.participantId);
      const index = w.participants.findIndex((x) => x.id === actor.participantId);
      return {
        name: p?.name ?? 'Participant',
        role: 'participant',
        participantId: actor.participantId,
        color: COLORS[index % COLORS.length]!,
      };
    }
    return {
      name:
        actor.role === 'screen'
          ? 'Projector'
          : actor.memberId
            ? actorName(w, actor)
            : 'Facilitator',
      role: actor.role === 'screen' ? 'screen' : 'facilitator',
      participantId: null,
      color: '#334155',
    };
  }

  private load(workshopId: string, artifactId: string): Promise<SharedDoc> {
    const name = `${workshopId}/${artifactId}`;
    let loading = this.docs.get(name);
    if (!loading) {
      loading = (async () => {
        const shared = new SharedDoc(name, workshopId, artifactId);
        // Other processes' changes, from before the load on: Yjs updates apply in any order.
        const early: Uint8Array[] = [];
        let ready = false;
        await this.deps.bus?.subscribe(`doc:${name}`, (message) =>
          ready ? this.fromBus(shared, message) : early.push(message),
        );
        const updates = await this.deps.store.load(name);
        for (const u of updates) {
          Y.applyUpdate(shared.doc, u, 'store');
          shared.size += u.length;
        }
        shared.appended = updates.length;
        // A document from before text fields were Y.Text: upgraded once, stored, and told to the
        // other processes (who make the very same edit from the same stored state).
        const upgrade = upgradeTextFields(shared.doc, 'store');
        if (upgrade) {
          await this.deps.store.append(name, upgrade);
          shared.size += upgrade.length;
          shared.appended++;
          this.publish(shared, BUS_UPDATE, upgrade);
        }
        this.watch(shared);
        ready = true;
        for (const message of early.splice(0)) this.fromBus(shared, message);
        return shared;
      })();
      this.docs.set(name, loading);
      loading.catch(() => this.docs.delete(name));
    }
    return loading;
  }

  private watch(shared: SharedDoc) {
    shared.doc.on('update', (update: Uint8Array, origin: unknown) => {
      const message = encode((e) => {
        encoding.writeVarUint(e, MESSAGE_SYNC);
        syncProtocol.writeUpdate(e, update);
      });
      for (const c of shared.conns) if (c !== origin) send(c.ws, message);
      if (origin !== 'store' && origin !== 'remote') this.publish(shared, BUS_UPDATE, update);
      if (origin !== 'store') this.edited(shared, isConn(origin) ? origin : undefined);
    });
    shared.awareness.on(
      'update',
      (
        { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
        origin: unknown,
      ) => {
        if (origin && typeof origin === 'object' && 'clientIds' in origin) {
          const conn = origin as Conn;
          for (const id of added) conn.clientIds.add(id);
          for (const id of removed) conn.clientIds.delete(id);
        }
        for (const ids of [added, updated, removed])
          for (const id of ids) {
            shared.presenceChanged.add(id);
            if (origin !== 'remote') shared.presenceChangedHere.add(id);
          }
        shared.presence ??= new Throttle(AWARENESS_INTERVAL_MS, this.now, () =>
          this.sendPresence(shared),
        );
        shared.presence.request();
      },
    );
  }

  /** Every presence change since the last: one message to everyone in the document. */
  private sendPresence(shared: SharedDoc) {
    const changed = [...shared.presenceChanged];
    const here = [...shared.presenceChangedHere];
    shared.presenceChanged.clear();
    shared.presenceChangedHere.clear();
    if (changed.length > 0) {
      const message = encode((e) => {
        encoding.writeVarUint(e, MESSAGE_AWARENESS);
        encoding.writeVarUint8Array(
          e,
          awarenessProtocol.encodeAwarenessUpdate(shared.awareness, changed),
        );
      });
      for (const c of shared.conns) send(c.ws, message);
    }
    if (here.length > 0)
      this.publish(
        shared,
        BUS_AWARENESS,
        awarenessProtocol.encodeAwarenessUpdate(shared.awareness, here),
      );
  }

  private publish(shared: SharedDoc, kind: number, payload: Uint8Array) {
    if (!this.deps.bus) return;
    const message = new Uint8Array(payload.length + 1);
    message[0] = kind;
    message.set(payload, 1);
    this.deps.bus.publish(`doc:${shared.name}`, message);
  }

  /** A change made through another process: apply it here, for the clients of this one. */
  private fromBus(shared: SharedDoc, message: Uint8Array) {
    const payload = message.subarray(1);
    try {
      if (message[0] === BUS_UPDATE) this.applyRemote(shared, payload);
      else if (message[0] === BUS_AWARENESS)
        awarenessProtocol.applyAwarenessUpdate(shared.awareness, payload, 'remote');
      else if (message[0] === BUS_SAVED) this.reportSaved(shared, payload);
    } catch (error) {
      logError(`[yjs] a message from another process for ${shared.name} failed`, error);
    }
  }

  /**
   * Another process stored this update. When a client's held part integrates with it, that part
   * was stored nowhere: the update as integrated here is stored too.
   */
  private applyRemote(shared: SharedDoc, update: Uint8Array) {
    if (!shared.held) return Y.applyUpdate(shared.doc, update, 'remote');
    const before = pendingBytes(shared.doc);
    const integrated = applyCollecting(shared.doc, update, 'remote');
    shared.held = hasPending(shared.doc);
    if (integrated && pendingBytes(shared.doc) !== before)
      this.append(shared, integrated).catch((e) =>
        logError(`[yjs] could not store an update of ${shared.name}`, e),
      );
  }

  private edited(shared: SharedDoc, conn: Conn | undefined) {
    shared.lastEditAt = this.now();
    shared.lastEditor = conn?.identity.name ?? shared.lastEditor;
    this.reportProgress(shared);
  }

  /** Progress for the console: at once after a quiet spell, then at most every 300 ms. */
  private reportProgress(shared: SharedDoc) {
    shared.progress ??= new Throttle(PROGRESS_INTERVAL_MS, this.now, () =>
      this.computeProgress(shared),
    );
    shared.progress.request();
  }

  private computeProgress(shared: SharedDoc) {
    const checklist = shared.doc.share.has('items') ? checklistProgress(shared.doc) : undefined;
    const plan = shared.doc.share.has('objectives')
      ? planProgress(shared.doc)
      : shared.doc.share.has('stages')
        ? vignetteProgress(shared.doc)
        : isPracticeDoc(shared.doc)
          ? practiceProgress(shared.doc)
          : undefined;
    const { done, total } =
      checklist && checklist.total > 0 ? checklist : (plan ?? { done: 0, total: 0 });
    const p: Progress = {
      artifactId: shared.artifactId,
      done,
      total,
      ...summaryOf(shared.doc),
      lastEditAt: shared.lastEditAt,
      lastEditor: shared.lastEditor,
      active: [
        ...new Set(
          [...shared.conns]
            .filter((c) => c.actor.role === 'participant')
            .map((c) => c.identity.name),
        ),
      ],
    };
    this.progress.set(shared.name, p);
    this.deps.onProgress?.(shared.workshopId, p);
  }

  private async connected(
    ws: WebSocket,
    w: Workshop,
    artifactId: string,
    actor: Actor,
    wantsSaved: boolean,
    early: Uint8Array[],
  ) {
    ws.binaryType = 'arraybuffer';
    const conn: Conn = {
      ws,
      chain: Promise.resolve(),
      actor,
      identity: this.identity(w, actor),
      clientIds: new Set(),
      wantsSaved,
    };
    // Messages that arrive while the document loads wait in order.
    const queue: Uint8Array[] = early;
    let shared: SharedDoc | undefined;
    ws.on('message', (data: ArrayBuffer) => {
      const bytes = new Uint8Array(data);
      if (!shared) return void queue.push(bytes);
      const doc = shared;
      conn.chain = conn.chain.then(() => this.message(doc, conn, bytes));
    });
    // A frame over maxPayload, or a broken socket: ws closes the connection; nothing to throw.
    ws.on('error', () => {});
    ws.on('close', () => {
      if (!shared) return;
      shared.conns.delete(conn);
      awarenessProtocol.removeAwarenessStates(shared.awareness, [...conn.clientIds], null);
      this.reportProgress(shared);
      if (shared.conns.size === 0) this.scheduleUnload(shared);
    });
    try {
      shared = await this.load(w.id, artifactId);
    } catch (error) {
      logError(`[yjs] could not load document ${w.id}/${artifactId}`, error);
      return ws.close(1011, 'Could not load the document');
    }
    // The client may have gone while the document loaded (a Wi-Fi drop): its close event found
    // no document then, so it must not be counted now, or the document would never unload.
    if (ws.readyState !== ws.OPEN) {
      if (shared.conns.size === 0) this.scheduleUnload(shared);
      return;
    }
    if (shared.idleTimer) {
      clearTimeout(shared.idleTimer);
      shared.idleTimer = null;
    }
    shared.conns.add(conn);
    send(
      ws,
      encode((e) => {
        encoding.writeVarUint(e, MESSAGE_SYNC);
        syncProtocol.writeSyncStep1(e, shared.doc);
      }),
    );
    const states = [...shared.awareness.getStates().keys()];
    if (states.length > 0) {
      send(
        ws,
        encode((e) => {
          encoding.writeVarUint(e, MESSAGE_AWARENESS);
          encoding.writeVarUint8Array(
            e,
            awarenessProtocol.encodeAwarenessUpdate(shared.awareness, states),
          );
        }),
      );
    }
    this.reportProgress(shared);
    const doc = shared;
    // What is stored already: the state loaded from disk, once pending appends settle.
    const stored = Y.encodeStateVector(doc.doc);
    if (wantsSaved) void doc.lastWrite.then(() => send(ws, savedMessage(stored)));
    for (const bytes of queue.splice(0))
      conn.chain = conn.chain.then(() => this.message(doc, conn, bytes));
  }

  /** Current access, from the latest workshop state: a participant moved to another group, or a
   *  locked document, takes effect on the next message. */
  private async access(shared: SharedDoc, conn: Conn) {
    const record = await this.deps.workshops.get(shared.workshopId);
    if (!record) return 'none';
    return docAccess(record.workshop, shared.artifactId, conn.actor);
  }

  private async message(shared: SharedDoc, conn: Conn, bytes: Uint8Array) {
    try {
      const decoder = decoding.createDecoder(bytes);
      const type = decoding.readVarUint(decoder);
      if (type === MESSAGE_SYNC) {
        const syncType = decoding.readVarUint(decoder);
        if (syncType === syncProtocol.messageYjsSyncStep1) {
          // What the client lacks, without anything held (see pending.ts).
          const stateVector = decoding.readVarUint8Array(decoder);
          const reply = encode((e) => {
            encoding.writeVarUint(e, MESSAGE_SYNC);
            encoding.writeVarUint(e, syncProtocol.messageYjsSyncStep2);
            encoding.writeVarUint8Array(e, encodeIntegrated(shared.doc, stateVector));
          });
          send(conn.ws, reply);
          return;
        }
        if (
          syncType !== syncProtocol.messageYjsSyncStep2 &&
          syncType !== syncProtocol.messageYjsUpdate
        )
          throw new Error('unknown sync message');
        const update = decoding.readVarUint8Array(decoder);
        const access = await this.access(shared, conn);
        if (access === 'none') return conn.ws.close(CLOSE.forbidden, 'No access to this document');
        if (access !== 'write') return; // read-only: updates are ignored, the document is unchanged
        if (shared.size + update.length > this.limits.maxDocBytes)
          return conn.ws.close(CLOSE.tooLarge, 'The document is full');
        await this.apply(shared, conn, update);
      } else if (type === MESSAGE_AWARENESS) {
        const update = decoding.readVarUint8Array(decoder);
        const guarded = guardAwareness(update, conn.clientIds, conn.identity, (id) =>
          this.claim(shared, conn, id),
        );
        if (!guarded) return conn.ws.close(CLOSE.badMessage, 'Presence refused');
        if (guarded.update)
          awarenessProtocol.applyAwarenessUpdate(shared.awareness, guarded.update, conn);
      } else if (type === MESSAGE_QUERY_AWARENESS) {
        const states = [...shared.awareness.getStates().keys()];
        send(
          conn.ws,
          encode((e) => {
            encoding.writeVarUint(e, MESSAGE_AWARENESS);
            encoding.writeVarUint8Array(
              e,
              awarenessProtocol.encodeAwarenessUpdate(shared.awareness, states),
            );
          }),
        );
      } else {
        throw new Error(`unknown message type ${type}`);
      }
    } catch {
      // Untrusted bytes: a malformed frame closes only its sender's connection.
      conn.ws.close(CLOSE.badMessage, 'Malformed message');
    }
  }

  /**
   * Binds a Yjs client id's presence to a connection, if nobody else holds it: no state for it in
   * the document (from here or another process), or one of the same person's (a tab back after a
   * Wi-Fi drop, before its old connection is seen closed), which then moves to this connection.
   * Otherwise anyone who saw an id, a gallery reader from another group included, could set or
   * remove that person's presence.
   */
  private claim(shared: SharedDoc, conn: Conn, clientId: number): boolean {
    const state = shared.awareness.getStates().get(clientId) as { user?: Identity } | undefined;
    if (state && !(state.user && sameIdentity(state.user, conn.identity))) return false;
    for (const c of shared.conns)
      if (c !== conn && c.clientIds.has(clientId) && !sameIdentity(c.identity, conn.identity))
        return false;
    for (const c of shared.conns) if (c !== conn) c.clientIds.delete(clientId);
    return true;
  }

  /**
   * Applies an update from a client, stores it durably, then tells the sender (at once) and the
   * others (at most twice a second) which state is saved.
   */
  private async apply(shared: SharedDoc, conn: Conn, update: Uint8Array) {
    // Store only what was new: the update Yjs reports for the transaction (nothing when the
    // update was known already). Diffing against the state vector before instead walked the
    // whole document on every edit (most of the server's own work with 50 editors a document).
    const diff = applyCollecting(shared.doc, update, conn);
    // Part of the update waits for a change it depends on: it stays in memory only, and is
    // stored with the update that lets it integrate. The sender is not told it is saved (the
    // state vector below leaves it out). Only a small part waits honestly (a tab that heard
    // another tab before this process did); more is dropped.
    if (pendingBytes(shared.doc) > this.limits.maxMessageBytes) dropPending(shared.doc);
    shared.held = hasPending(shared.doc);
    // Everything in the document now had its append queued by now; appends settle in order.
    const covered = Y.encodeStateVector(shared.doc);
    // The connection's next message does not wait for the disk (with a commit window, waiting
    // held each connection to one message per window); its "saved" report does.
    const stored = diff ? this.append(shared, diff) : shared.lastWrite;
    void stored.then(
      () => {
        if (conn.wantsSaved) send(conn.ws, savedMessage(covered));
        this.publish(shared, BUS_SAVED, covered);
        this.reportSaved(shared, covered);
      },
      (error: unknown) => {
        logError(`[yjs] could not store an update of ${shared.name}`, error);
        // Not stored, so never reported saved: the client reconnects and sends it again.
        conn.ws.close(1011, 'Could not save');
      },
    );
  }

  /** Appends an update; compacts once enough have been appended. */
  private append(shared: SharedDoc, diff: Uint8Array): Promise<void> {
    shared.size += diff.length;
    const write = this.deps.store.append(shared.name, diff);
    shared.lastWrite = write.catch(() => undefined);
    void write.then(
      () => {
        shared.appended++;
        if (shared.appended >= this.limits.compactEvery)
          this.compact(shared).catch((e) =>
            logError(`[yjs] compaction of ${shared.name} failed`, e),
          );
      },
      () => undefined,
    );
    return write;
  }

  /**
   * Tells everyone in the document, at most twice a second, what is stored, when that grew. A
   * returning client's sync brings nothing new; reporting it anyway sent each member of a group
   * a message per returning member (6,000 of a reconnect storm's 41,000 writes: bench/,
   * scenario 3).
   */
  private reportSaved(shared: SharedDoc, stateVector: Uint8Array) {
    let grew = false;
    for (const [client, clock] of Y.decodeStateVector(stateVector))
      if (clock > (shared.saved.get(client) ?? 0)) {
        shared.saved.set(client, clock);
        grew = true;
      }
    if (!grew || shared.savedTimer) return;
    shared.savedTimer = setTimeout(() => {
      shared.savedTimer = null;
      const message = savedMessage(encodeStateVector(shared.saved));
      for (const c of shared.conns) if (c.wantsSaved) send(c.ws, message);
    }, SAVED_BROADCAST_MS);
    shared.savedTimer.unref();
  }

  /**
   * One compaction at a time per document: several connections' appends can cross the
   * threshold together, and two compactions at once raced on the snapshot's temporary file (the
   * loser's connection was closed as "Malformed message": bench/, 4 groups of 50 editors).
   */
  private compact(shared: SharedDoc): Promise<void> {
    shared.compacting ??= (async () => {
      const snapshot = encodeIntegrated(shared.doc);
      const counted = shared.appended;
      shared.appended = 0;
      try {
        await this.deps.store.compact(shared.name, snapshot);
        shared.size = snapshot.length;
      } catch (error) {
        shared.appended += counted;
        throw error;
      } finally {
        shared.compacting = null;
      }
    })();
    return shared.compacting;
  }

  private scheduleUnload(shared: SharedDoc) {
    if (shared.idleTimer) clearTimeout(shared.idleTimer);
    shared.idleTimer = setTimeout(() => {
      // Tracked, so that closing the server waits for a compaction on its way to disk.
      const unloading = this.unload(shared);
      this.unloading.add(unloading);
      void unloading.finally(() => this.unloading.delete(unloading));
    }, this.limits.idleUnloadMs);
    shared.idleTimer.unref();
  }

  private async unload(shared: SharedDoc) {
    if (shared.conns.size > 0) return;
    this.docs.delete(shared.name);
    if (shared.savedTimer) clearTimeout(shared.savedTimer);
    await this.deps.bus?.unsubscribe(`doc:${shared.name}`);
    if (shared.appended > 0)
      await this.compact(shared).catch((e) =>
        logError(`[yjs] compaction of ${shared.name} failed`, e),
      );
    shared.awareness.destroy();
    shared.doc.destroy();
  }

  /** How many documents are loaded now (for tests and benchmarks). */
  get loaded(): number {
    return this.docs.size;
  }

  /**
   * Keeps documents in step with the workshop after a command: new artifacts get their template
   * content (stored before the command is acknowledged); removed ones are deleted with their data.
   */
  async reconcile(before: Workshop, after: Workshop): Promise<void> {
    await this.reconcileArtifacts(before, after);
    const accessMayChange =
      before.groups !== after.groups ||
      before.participants !== after.participants ||
      before.exercises !== after.exercises ||
      before.artifacts !== after.artifacts ||
      before.galleryOpen !== after.galleryOpen ||
      // A revoked or replaced key: its connections go (see `credentialCurrent`).
      before.team !== after.team ||
      before.facilitatorKeyHash !== after.facilitatorKeyHash ||
      before.screenKeyHash !== after.screenKeyHash;
    if (!accessMayChange) return;
    this.deps.bus?.publish(WORKSHOPS_CHANNEL, new TextEncoder().encode(after.id));
    await this.closeWithoutAccess(after);
  }

  /** A change of groups, locks or reveal can take away access: close what is no longer allowed. */
  private async closeWithoutAccess(w: Workshop): Promise<void> {
    for (const [name, loading] of this.docs) {
      if (!name.startsWith(`${w.id}/`)) continue;
      const shared = await loading.catch(() => undefined);
      if (!shared) continue;
      for (const c of shared.conns) {
        if (docAccess(w, shared.artifactId, c.actor) === 'none')
          c.ws.close(CLOSE.forbidden, 'No access to this document');
      }
    }
  }

  /**
   * Another process changed this workshop: documents deleted there are closed here (their data
   * is gone already), and so are connections that lost access or whose participant was removed.
   */
  private async recheck(workshopId: string): Promise<void> {
    const record = await this.deps.workshops.get(workshopId);
    for (const [name, loading] of [...this.docs]) {
      if (!name.startsWith(`${workshopId}/`)) continue;
      const shared = await loading.catch(() => undefined);
      if (!shared) continue;
      const w = record?.workshop;
      if (!w || !w.artifacts.some((a) => a.id === shared.artifactId)) {
        this.docs.delete(name);
        for (const c of shared.conns)
          c.ws.close(CLOSE.gone, w ? 'This document was deleted' : 'This workshop was deleted');
        await this.deps.bus?.unsubscribe(`doc:${name}`);
        shared.doc.destroy();
        this.progress.delete(name);
        continue;
      }
      for (const c of shared.conns) {
        const gone =
          c.actor.role === 'participant' &&
          !w.participants.some(
            (p) => c.actor.role === 'participant' && p.id === c.actor.participantId,
          );
        if (gone) c.ws.close(CLOSE.unauthorized, 'Removed from the workshop');
        else if (docAccess(w, shared.artifactId, c.actor) === 'none')
          c.ws.close(CLOSE.forbidden, 'No access to this document');
      }
    }
  }

  private async reconcileArtifacts(before: Workshop, after: Workshop): Promise<void> {
    if (before.artifacts === after.artifacts) return;
    const old = new Set(before.artifacts.map((a) => a.id));
    const now = new Set(after.artifacts.map((a) => a.id));
    for (const a of after.artifacts) {
      if (old.has(a.id)) continue;
      const exercise = after.exercises.find((e) => e.id === a.exerciseId);
      if (!exercise) continue;
      const doc = new Y.Doc();
      if (a.kind === 'checklist' && exercise.template) seedChecklist(doc, exercise.template, newId);
      if (a.kind === 'vignette') seedVignette(doc, exercise.stages.length);
      if (doc.share.size > 0)
        await this.deps.store.append(`${after.id}/${a.id}`, Y.encodeStateAsUpdate(doc));
      doc.destroy();
    }
    for (const id of old) {
      if (now.has(id)) continue;
      const name = `${after.id}/${id}`;
      const loaded = await this.docs.get(name)?.catch(() => undefined);
      if (loaded) {
        for (const c of loaded.conns) c.ws.close(CLOSE.gone, 'This document was deleted');
        this.docs.delete(name);
        loaded.doc.destroy();
      }
      this.progress.delete(name);
      await this.deps.store.delete(name);
    }
  }

  async deleteWorkshop(workshopId: string): Promise<void> {
    for (const [name, loading] of [...this.docs]) {
      if (!name.startsWith(`${workshopId}/`)) continue;
      const shared = await loading.catch(() => undefined);
      this.docs.delete(name);
      for (const c of shared?.conns ?? []) c.ws.close(CLOSE.gone, 'This workshop was deleted');
      shared?.doc.destroy();
      this.progress.delete(name);
    }
    await this.deps.store.deleteWorkshop(workshopId);
    this.deps.bus?.publish(WORKSHOPS_CHANNEL, new TextEncoder().encode(workshopId));
  }

  /** A document's whole state as one update: the live copy when loaded, else what is stored. */
  async stateOf(workshopId: string, artifactId: string): Promise<Uint8Array> {
    const name = `${workshopId}/${artifactId}`;
    const live = await this.docs.get(name)?.catch(() => undefined);
    if (live) return encodeIntegrated(live.doc);
    // Loaded into a document, so that a part stored before it was held back is left out.
    const doc = new Y.Doc();
    try {
      for (const u of await this.deps.store.load(name)) Y.applyUpdate(doc, u);
      return encodeIntegrated(doc);
    } finally {
      doc.destroy();
    }
  }

  /** Stores the state of a document of a workshop being restored, before anyone can open it. */
  async restore(workshopId: string, artifactId: string, state: Uint8Array): Promise<void> {
    await this.deps.store.append(`${workshopId}/${artifactId}`, state);
  }

  /** Progress of every loaded document of a workshop. */
  progressOf(workshopId: string): Progress[] {
    return [...this.progress]
      .filter(([name]) => name.startsWith(`${workshopId}/`))
      .map(([, p]) => p);
  }

  /** Disconnects removed participants at once. */
  disconnectParticipant(workshopId: string, participantId: string) {
    for (const [name, loading] of this.docs) {
      if (!name.startsWith(`${workshopId}/`)) continue;
      void loading.then((shared) => {
        for (const c of shared.conns)
          if (c.actor.role === 'participant' && c.actor.participantId === participantId)
            c.ws.close(CLOSE.unauthorized, 'Removed from the workshop');
      });
    }
  }

  async close(): Promise<void> {
    // Every document socket, including those whose document is still loading: an open upgraded
    // socket would keep the HTTP server from closing.
    for (const ws of this.wss.clients) ws.terminate();
    // All at once: one after the other, 40 documents' compactions (each a file and two fsyncs)
    // took 0.74 s of a restart that 1,000 people wait through (bench/, scenario 3).
    await Promise.all(
      [...this.docs.values()].map(async (loading) => {
        const shared = await loading.catch(() => undefined);
        if (!shared) return;
        for (const c of shared.conns) c.ws.terminate();
        shared.conns.clear();
        if (shared.idleTimer) clearTimeout(shared.idleTimer);
        await this.unload(shared);
      }),
    );
    this.wss.close();
    await Promise.all([...this.unloading]);
    await this.deps.store.close();
  }
}

function encode(write: (e: encoding.Encoder) => void): Uint8Array {
  const e = encoding.createEncoder();
  write(e);
  return encoding.toUint8Array(e);
}

/** Applies an update; returns what it integrated (null when nothing), as Yjs reports it. */
function applyCollecting(doc: Y.Doc, update: Uint8Array, origin: unknown): Uint8Array | null {
  let integrated: Uint8Array | null = null;
  const collect = (u: Uint8Array, o: unknown) => {
    if (o === origin) integrated = integrated ? Y.mergeUpdates([integrated, u]) : u;
  };
  doc.on('update', collect);
  try {
    Y.applyUpdate(doc, update, origin);
  } finally {
    doc.off('update', collect);
  }
  return integrated;
}

function send(ws: WebSocket, message: Uint8Array) {
  if (ws.readyState === ws.OPEN) ws.send(message);
}

/** A one-line summary of a map or budget, for the console's progress column. */
function summaryOf(doc: Y.Doc): { summary?: string } {
  const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;
  if (doc.share.has('actors')) {
    const map = readMap(doc);
    const gaps = analyseGaps(map).count;
    return {
      summary: `${plural(map.actors.length, 'actor')} · ${plural(map.links.length, 'link')} · ${plural(gaps, 'gap')}`,
    };
  }
  if (doc.share.has('lines')) {
    const lines = readLines(doc);
    const total = lines.reduce((sum, l) => sum + l.amount, 0);
    return {
      summary: `${plural(lines.length, 'line')} · ${total.toLocaleString('en-US')} allocated`,
    };
  }
  return {};
}

const isConn = (origin: unknown): origin is Conn =>
  !!origin && typeof origin === 'object' && 'clientIds' in origin;

/** A state vector (client -> clock) in Yjs's encoding. */
function encodeStateVector(sv: Map<number, number>): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, sv.size);
  for (const [client, clock] of sv) {
    encoding.writeVarUint(e, client);
    encoding.writeVarUint(e, clock);
  }
  return encoding.toUint8Array(e);
}
