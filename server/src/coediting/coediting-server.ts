import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import * as Y from 'yjs';
import type { ArtifactProgress, Workshop } from '@plenary/shared';
import type { Bus } from '../bus.js';
import type { Workshops } from '../workshops.js';
import type { DocStore } from './doc-store.js';
import { DocsEndpoint } from './endpoint.js';
import { seedDocument } from '@plenary/shared/kinds';
import { newId } from '../secrets.js';
import { DEFAULT_DOC_LIMITS, type DocLimits } from './limits.js';
import { encodeIntegrated } from './pending.js';
import { Relay } from './relay.js';
import { Rooms } from './rooms.js';

export { DEFAULT_DOC_LIMITS, type DocLimits } from './limits.js';

export type Progress = ArtifactProgress;

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

/**
 * Co-editing of group documents: the endpoint at /yjs/, the rooms it opens, and what the rest of
 * the server asks of documents (seeding, deleting, their state for a backup, their progress).
 */
export class DocsServer {
  private readonly relay: Relay;
  private readonly rooms: Rooms;
  private readonly endpoint: DocsEndpoint;

  constructor(private readonly deps: DocsServerDeps) {
    const limits = { ...DEFAULT_DOC_LIMITS, ...deps.limits };
    this.relay = new Relay(deps.bus);
    this.rooms = new Rooms({
      store: deps.store,
      relay: this.relay,
      limits,
      now: deps.now ?? Date.now,
      workshops: deps.workshops,
      onProgress: deps.onProgress,
    });
    this.endpoint = new DocsEndpoint({
      workshops: deps.workshops,
      rooms: this.rooms,
      allowedOrigins: deps.allowedOrigins,
      maxMessageBytes: limits.maxMessageBytes,
    });
  }

  /** Takes an upgrade to /yjs/ (the server's upgrade dispatcher, http/upgrades.ts, calls it). */
  takeUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    return this.endpoint.takeUpgrade(req, socket, head);
  }

  /** How many documents are loaded now (for tests and benchmarks). */
  get loaded(): number {
    return this.rooms.size;
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
    this.relay.workshopChanged(after.id);
    await this.rooms.closeWithoutAccess(after);
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
      seedDocument(a.kind, doc, exercise, newId);
      if (doc.share.size > 0)
        await this.deps.store.append(`${after.id}/${a.id}`, Y.encodeStateAsUpdate(doc));
      doc.destroy();
    }
    for (const id of old) {
      if (now.has(id)) continue;
      const name = `${after.id}/${id}`;
      await this.rooms.forget(name, 'This document was deleted');
      await this.deps.store.delete(name);
    }
  }

  async deleteWorkshop(workshopId: string): Promise<void> {
    await this.rooms.deleteWorkshop(workshopId);
    await this.deps.store.deleteWorkshop(workshopId);
    this.relay.workshopChanged(workshopId);
  }

  /** A document's whole state as one update: the live copy when loaded, else what is stored. */
  async stateOf(workshopId: string, artifactId: string): Promise<Uint8Array> {
    const name = `${workshopId}/${artifactId}`;
    const live = await this.rooms.loaded(name);
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
    return this.rooms.progressOf(workshopId);
  }

  /** Disconnects removed participants at once. */
  disconnectParticipant(workshopId: string, participantId: string): void {
    this.rooms.disconnectParticipant(workshopId, participantId);
  }

  async close(): Promise<void> {
    this.endpoint.terminate();
    await this.rooms.close();
    this.endpoint.close();
    await this.deps.store.close();
  }
}
