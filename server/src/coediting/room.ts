import * as Y from 'yjs';
import * as awarenessProtocol from 'y-protocols/awareness';
import { DOC_CLOSE, type Actor, type ArtifactKind, type ArtifactProgress } from '@plenary/shared';

import { logError } from '../log.js';
import { Throttle } from '../throttle.js';
import { guardAwareness, sameIdentity, type Identity } from './awareness-guard.js';
import { DocLog } from './doc-log.js';
import type { DocStore } from './doc-store.js';
import { documentProgress, upgradeTextFields } from '@plenary/shared/kinds';
import type { DocLimits } from './limits.js';
import { dropPending, encodeIntegrated, hasPending, pendingBytes } from './pending.js';
import type { Relay, RelayMessage } from './relay.js';
import { flattenJoinedText, trimAddedValues } from './trim-values.js';
import {
  awarenessMessage,
  encodeStateVector,
  savedMessage,
  syncStep1Message,
  syncStep2Message,
  updateMessage,
} from './wire.js';
import {
  SAVED_BROADCAST_MS,
  PROGRESS_INTERVAL_MS,
  presenceInterval,
  arrivalInterval,
} from './room-intervals.js';

/** Someone in a room, whatever carries their messages. */
export interface Peer {
  readonly actor: Actor;
  readonly identity: Identity;
  /** The Yjs client ids whose presence this peer holds. */
  readonly clientIds: Set<number>;
  /** The client asked (`?saved=1`) to be told what is durably stored; plain y-websocket
   *  clients do not know the message and would log it as an error. */
  readonly wantsSaved: boolean;
  send(message: Uint8Array): void;
  close(code: number, reason: string): void;
}

export interface RoomDeps {
  store: DocStore;
  relay: Relay;
  limits: DocLimits;
  now: () => number;
  /** The console's progress line changed. */
  onProgress: (room: Room, progress: ArtifactProgress) => void;
}

const isPeer = (origin: unknown): origin is Peer =>
  !!origin && typeof origin === 'object' && 'clientIds' in origin;

/**
 * One document and the people in it: loads it, applies and stores their updates (appended, then
 * compacted), reports what is saved, and merges presence and progress.
 */
export class Room {
  readonly doc = new Y.Doc({ gc: true });
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly peers = new Set<Peer>();
  private readonly log: DocLog;
  /** Pending broadcast of the saved state to everyone in the document. */
  private savedTimer: NodeJS.Timeout | null = null;
  /** The state vector known to be durably stored: the largest saved clock of each Yjs client
   *  (decoded: merged on every stored update, encoded only for the broadcast, twice a second). */
  private readonly saved = new Map<number, number>();
  private lastEditAt: number | null = null;
  private lastEditor: string | null = null;
  /** Unloads the room once nobody has been in it for a while (set by the registry). */
  idleTimer: NodeJS.Timeout | null = null;
  private readonly progress: Throttle;
  /** Presence changes not sent yet; those made here (not on another process) are published. */
  private readonly presenceChanged = new Set<number>();
  private readonly presenceChangedHere = new Set<number>();
  /** Whether a pending presence change shows something new (not an arrival, departure or
   *  renewal): it goes out at presenceInterval, the others at arrivalInterval. */
  private presenceShows = false;
  private readonly presence: Throttle;
  /** Part of a client's update waits in memory for a change it depends on (see pending.ts). */
  private held = false;

  constructor(
    readonly name: string,
    readonly workshopId: string,
    readonly artifactId: string,
    private readonly kind: ArtifactKind | undefined,
    private readonly deps: RoomDeps,
  ) {
    this.log = new DocLog(name, this.doc, deps.store, deps.limits);
    this.progress = new Throttle(PROGRESS_INTERVAL_MS, deps.now, () => this.computeProgress());
    this.presence = new Throttle(
      () => (this.presenceShows ? presenceInterval : arrivalInterval)(this.peers.size),
      deps.now,
      () => this.sendPresence(),
    );
    // The server has no local user of its own.
    this.awareness.setLocalState(null);
    // Before anything is applied, so that the values loaded from the store are trimmed too.
    this.doc.on('afterTransactionCleanup', trimAddedValues);
    this.doc.on('afterTransactionCleanup', flattenJoinedText);
    // Unloaded or deleted: no progress is computed nor presence sent for it any more.
    this.doc.on('destroy', () => {
      this.progress.cancel();
      this.presence.cancel();
    });
  }

  /** Loads what is stored, with other processes' changes from before the load on. */
  async load(): Promise<void> {
    // Yjs updates apply in any order: those relayed during the load are applied after it.
    const early: RelayMessage[] = [];
    let ready = false;
    await this.deps.relay.join(this.name, (message) =>
      ready ? this.fromRelay(message) : early.push(message),
    );
    await this.log.load();
    // A document from before text fields were Y.Text: upgraded once, stored, and told to the
    // other processes (who make the very same edit from the same stored state).
    const upgrade = upgradeTextFields(this.doc, 'store');
    if (upgrade) {
      await this.log.appendWhileLoading(upgrade);
      this.deps.relay.publish(this.name, { type: 'update', update: upgrade });
    }
    // What was loaded is stored: only what grows beyond it is reported to everyone (after a
    // restart, the first returning client's empty sync otherwise reported it all again).
    for (const [client, clock] of Y.decodeStateVector(Y.encodeStateVector(this.doc)))
      this.saved.set(client, clock);
    this.watch();
    ready = true;
    for (const message of early.splice(0)) this.fromRelay(message);
  }

  private watch() {
    // 'change' (before 'update') lists as updated only the states whose content changed.
    this.awareness.on('change', ({ updated }: { updated: number[] }) => {
      if (updated.length > 0) this.presenceShows = true;
    });
    this.doc.on('update', (update: Uint8Array, origin: unknown) => {
      const message = updateMessage(update);
      for (const p of this.peers) if (p !== origin) p.send(message);
      if (origin !== 'store' && origin !== 'remote')
        this.deps.relay.publish(this.name, { type: 'update', update });
      if (origin !== 'store') this.edited(isPeer(origin) ? origin : undefined);
    });
    this.awareness.on(
      'update',
      (
        { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
        origin: unknown,
      ) => {
        if (isPeer(origin)) {
          for (const id of added) origin.clientIds.add(id);
          for (const id of removed) origin.clientIds.delete(id);
        }
        for (const ids of [added, updated, removed])
          for (const id of ids) {
            this.presenceChanged.add(id);
            if (origin !== 'remote') this.presenceChangedHere.add(id);
          }
        this.presence.request();
      },
    );
  }

  /** Someone enters: they get the document's state vector, its presence, and what is saved. */
  join(peer: Peer): void {
    if (this.idleTimer) {
      clearTimeout(this.idleTimer);
      this.idleTimer = null;
    }
    this.peers.add(peer);
    peer.send(syncStep1Message(Y.encodeStateVector(this.doc)));
    const states = [...this.awareness.getStates().keys()];
    if (states.length > 0) peer.send(awarenessMessage(this.awareness, states));
    this.reportProgress();
    // What is stored already: the state loaded from disk, once pending appends settle.
    const stored = Y.encodeStateVector(this.doc);
    if (peer.wantsSaved) void this.log.lastWrite.then(() => peer.send(savedMessage(stored)));
  }

  /** Someone leaves: their presence goes with them. */
  leave(peer: Peer): void {
    this.peers.delete(peer);
    awarenessProtocol.removeAwarenessStates(this.awareness, [...peer.clientIds], null);
    this.reportProgress();
  }

  /** What a client lacks, given its state vector, without anything held (see pending.ts). */
  syncStep2(stateVector: Uint8Array): Uint8Array {
    return syncStep2Message(encodeIntegrated(this.doc, stateVector));
  }

  /** The presence of everyone in the document. */
  presenceMessage(): Uint8Array {
    return awarenessMessage(this.awareness, [...this.awareness.getStates().keys()]);
  }

  /** Whether the document stays within its size limit with this update. */
  fits(update: Uint8Array): boolean {
    return this.log.fits(update);
  }

  /** Applies a client's presence update; false when it is refused (someone else's presence). */
  applyPresence(peer: Peer, update: Uint8Array): boolean {
    const guarded = guardAwareness(update, peer.clientIds, peer.identity, (id) =>
      this.claim(peer, id),
    );
    if (!guarded) return false;
    if (guarded.update)
      awarenessProtocol.applyAwarenessUpdate(this.awareness, guarded.update, peer);
    return true;
  }

  /**
   * Binds a Yjs client id's presence to a peer, if nobody else holds it: no state for it in
   * the document (from here or another process), or one of the same person's (a tab back after a
   * Wi-Fi drop, before its old connection is seen closed), which then moves to this peer.
   * Otherwise anyone who saw an id, a gallery reader from another group included, could set or
   * remove that person's presence.
   */
  private claim(peer: Peer, clientId: number): boolean {
    const state = this.awareness.getStates().get(clientId) as { user?: Identity } | undefined;
    if (state && !(state.user && sameIdentity(state.user, peer.identity))) return false;
    for (const p of this.peers)
      if (p !== peer && p.clientIds.has(clientId) && !sameIdentity(p.identity, peer.identity))
        return false;
    for (const p of this.peers) if (p !== peer) p.clientIds.delete(clientId);
    return true;
  }

  /**
   * Applies an update from a client, stores it durably, then tells the sender (at once) and the
   * others (at most twice a second) which state is saved.
   */
  apply(peer: Peer, update: Uint8Array): void {
    // Store only what was new: the update Yjs reports for the transaction (nothing when the
    // update was known already). Diffing against the state vector before instead walked the
    // whole document on every edit (most of the server's own work with 50 editors a document).
    const diff = applyCollecting(this.doc, update, peer);
    // Part of the update waits for a change it depends on: it stays in memory only, and is
    // stored with the update that lets it integrate. The sender is not told it is saved (the
    // state vector below leaves it out). Only a small part waits honestly (a tab that heard
    // another tab before this process did); more is dropped.
    if (pendingBytes(this.doc) > this.deps.limits.maxMessageBytes) dropPending(this.doc);
    this.held = hasPending(this.doc);
    // Everything in the document now had its append queued by now; appends settle in order.
    const covered = Y.encodeStateVector(this.doc);
    // The peer's next message does not wait for the disk (with a commit window, waiting held
    // each connection to one message per window); its "saved" report does.
    const stored = diff ? this.log.append(diff) : this.log.lastWrite;
    void stored.then(
      () => {
        // Nothing new (a returning client's sync): what it sent was in the document when it
        // joined, or came since from others, and it hears the saved state of both anyway (on
        // joining, and from reportSaved).
        if (peer.wantsSaved && diff) peer.send(savedMessage(covered));
        this.deps.relay.publish(this.name, { type: 'saved', stateVector: covered });
        this.reportSaved(covered);
      },
      (error: unknown) => {
        logError(`[yjs] could not store an update of ${this.name}`, error);
        // Not stored, so never reported saved: the client reconnects and sends it again.
        peer.close(DOC_CLOSE.serverError, 'Could not save');
      },
    );
  }

  /** A change made through another process: apply it here, for the peers of this one. */
  private fromRelay(message: RelayMessage) {
    try {
      if (message.type === 'update') this.applyRemote(message.update);
      else if (message.type === 'awareness')
        awarenessProtocol.applyAwarenessUpdate(this.awareness, message.update, 'remote');
      else this.reportSaved(message.stateVector);
    } catch (error) {
      logError(`[yjs] a message from another process for ${this.name} failed`, error);
    }
  }

  /**
   * Another process stored this update. When a client's held part integrates with it, that part
   * was stored nowhere: the update as integrated here is stored too.
   */
  private applyRemote(update: Uint8Array) {
    if (!this.held) return Y.applyUpdate(this.doc, update, 'remote');
    const before = pendingBytes(this.doc);
    const integrated = applyCollecting(this.doc, update, 'remote');
    this.held = hasPending(this.doc);
    if (integrated && pendingBytes(this.doc) !== before)
      this.log
        .append(integrated)
        .catch((e) => logError(`[yjs] could not store an update of ${this.name}`, e));
  }

  /**
   * Tells everyone in the document, at most twice a second, what is stored, when that grew. A
   * returning client's sync brings nothing new; reporting it anyway sent each member of a group
   * a message per returning member (6,000 of a reconnect storm's 41,000 writes: bench/,
   * scenario 3).
   */
  private reportSaved(stateVector: Uint8Array) {
    let grew = false;
    for (const [client, clock] of Y.decodeStateVector(stateVector))
      if (clock > (this.saved.get(client) ?? 0)) {
        this.saved.set(client, clock);
        grew = true;
      }
    if (!grew || this.savedTimer) return;
    this.savedTimer = setTimeout(() => {
      this.savedTimer = null;
      const message = savedMessage(encodeStateVector(this.saved));
      for (const p of this.peers) if (p.wantsSaved) p.send(message);
    }, SAVED_BROADCAST_MS);
    this.savedTimer.unref();
  }

  /** Every presence change since the last: one message to everyone in the document. */
  private sendPresence() {
    const changed = [...this.presenceChanged];
    const here = [...this.presenceChangedHere];
    this.presenceChanged.clear();
    this.presenceChangedHere.clear();
    this.presenceShows = false;
    if (changed.length > 0) {
      const message = awarenessMessage(this.awareness, changed);
      for (const p of this.peers) p.send(message);
    }
    if (here.length > 0)
      this.deps.relay.publish(this.name, {
        type: 'awareness',
        update: awarenessProtocol.encodeAwarenessUpdate(this.awareness, here),
      });
  }

  private edited(peer: Peer | undefined) {
    this.lastEditAt = this.deps.now();
    this.lastEditor = peer?.identity.name ?? this.lastEditor;
    this.reportProgress();
  }

  /** Progress for the console: at once after a quiet spell, then at most every 300 ms. */
  private reportProgress() {
    this.progress.request();
  }

  private computeProgress() {
    const participants = [...this.peers].filter((p) => p.actor.role === 'participant');
    this.deps.onProgress(this, {
      artifactId: this.artifactId,
      ...documentProgress(this.kind, this.doc),
      lastEditAt: this.lastEditAt,
      lastEditor: this.lastEditor,
      active: [...new Set(participants.map((p) => p.identity.name))],
    });
  }

  /** Stores what was appended as one snapshot (when anything was), then frees the document. */
  async unload(): Promise<void> {
    if (this.savedTimer) clearTimeout(this.savedTimer);
    await this.deps.relay.leave(this.name);
    await this.log.flush();
    this.awareness.destroy();
    this.doc.destroy();
  }

  /** Frees the document without storing anything (deleted, or its workshop was). */
  destroy(): void {
    this.doc.destroy();
  }
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
